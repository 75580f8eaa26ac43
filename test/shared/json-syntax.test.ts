import { describe, expect, it } from 'vitest';
import { jsonSyntaxError } from '../../src-shared/json-syntax';

describe('JSON body validation', () => {
  it.each(['{}', '[]', '{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]}', ' 42 ', '"s"', '{"a":{"b":{"c":[[]]}}}', '{"n": 12345678901234567890, "a": 1, "a": 2}'])(
    'accepts valid JSON %j',
    (text) => {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(jsonSyntaxError(text)).toBeNull();
    },
  );

  it.each([
    ['{"a": 1,}', 7, 'A trailing comma is not allowed in JSON'],
    ['[1, 2,]', 5, 'A trailing comma is not allowed in JSON'],
    ["{'a': 1}", 1, 'Strings must use double quotes'],
    ['{"a" 1}', 5, 'Expected ":" after the property name'],
    ['{"a": tru}', 6, 'Unexpected character "t"'],
    ['{"a": 01}', 7, 'Expected ","'],
    ['{"a": "x', 6, 'A string is not closed'],
    ['{"a": "\\q"}', 6, 'Invalid escape in a string'],
    ['{"a": "\\u12"}', 6, 'A \\u escape needs four hex digits'],
    ['{"a": 1} x', 9, 'Unexpected character "x"'],
    ['{"a": [1, 2}', 11, 'Expected ","'],
    ['{"a": 1', 7, '"}" is missing at the end'],
    ['[1, 2', 5, '"]" is missing at the end'],
    ['{"a": 1 /* note */}', 8, 'Comments are not allowed in JSON'],
    ['', 0, 'Expected a value at the end'],
    ['-', 0, 'Unexpected character "-"'],
    ['\u00a0{}', 0, 'Unexpected character "\u00a0"'],
  ])('finds the error in %j at position %i', (text, position, reason) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonSyntaxError(text)).toMatchObject({ position, reason });
  });

  it('gives 1-based line and column', () => {
    expect(jsonSyntaxError('{\n  "a": 1\n  "b": 2\n}')).toMatchObject({ line: 3, column: 3, position: 13 });
  });

  it('handles very deep nesting without overflowing the stack', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(199_999);
    expect(jsonSyntaxError(deep)).toMatchObject({ position: deep.length });
    expect(jsonSyntaxError('['.repeat(200_000) + ']'.repeat(200_000))).toBeNull();
  });

  it('does not quote the text when it falls back to the JSON.parse message', () => {
    const deep = `${'['.repeat(200_000)}"dc_${'R'.repeat(40)}",x`;
    const problem = jsonSyntaxError(deep);
    expect(problem).toMatchObject({ reason: "Unexpected token 'x'" });
    expect(JSON.stringify(problem)).not.toContain('RRRR');
  });
});
