import { describe, expect, it } from 'vitest';
import { jsonSyntaxError } from '../../src-main/tester/tester-json-check';

describe('JSON body validation', () => {
  it.each(['{}', '[]', '{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]}', ' 42 ', '"s"', '{"a":{"b":{"c":[[]]}}}'])(
    'accepts valid JSON %j',
    (text) => {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(jsonSyntaxError(text)).toBeNull();
    },
  );

  it.each([
    ['{"a": 1,}', 7, 'A trailing comma is not allowed in JSON'],
    ['[1, 2,]', 5, 'A trailing comma is not allowed in JSON'],
    ["{'a': 1}", 1, 'Expected a property name in double quotes'],
    ['{"a" 1}', 5, 'Expected ":" after the property name'],
    ['{"a": tru}', 6, 'Unexpected character "t"'],
    ['{"a": 01}', 7, 'Expected "," or "}"'],
    ['{"a": "x', 6, 'A string is not closed'],
    ['{"a": "x\ny"}', 8, 'A string cannot contain a raw line break or control character'],
    ['{"a": "\\q"}', 7, 'Invalid escape in a string'],
    ['{"a": 1} x', 9, 'Unexpected text after the JSON value'],
    ['{"a": [1, 2}', 11, 'Expected "," or "]"'],
    ['{"a": 1', 7, '"}" is missing at the end'],
    ['', 0, 'A value is missing at the end'],
    ['-', 0, 'Invalid number'],
  ])('finds the error in %j at position %i', (text, position, reason) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonSyntaxError(text)).toMatchObject({ position, reason });
  });

  it('gives 1-based line and column', () => {
    expect(jsonSyntaxError('{\n  "a": 1\n  "b": 2\n}')).toMatchObject({ line: 3, column: 3, position: 13 });
  });

  it('handles very deep nesting without overflowing the stack', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(199_999);
    expect(jsonSyntaxError(deep)).toMatchObject({ reason: '"]" is missing at the end', position: deep.length });
  });
});
