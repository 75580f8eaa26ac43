/**
 * The response's Pretty view, made in slices: the same text as the Format button's `format` (jsonc-parser) for any
 * JSON, whitespace the only change, the same in one go as in many small slices, and a bound on what deep nesting
 * makes of a small body.
 */
import fc from 'fast-check';
import { createScanner } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { prettyAll, prettyRun } from '../../src-renderer/features/tester/json-pretty-stream';
import { formatJson } from '../../src-renderer/features/tester/json-text';

/** The text's tokens with odd whitespace between them. */
function spacedOut(text: string): string {
  const scanner = createScanner(text, true);
  const tokens: string[] = [];
  for (let kind = scanner.scan(); kind !== 17 /* SyntaxKind.EOF */; kind = scanner.scan()) {
    tokens.push(text.slice(scanner.getTokenOffset(), scanner.getTokenOffset() + scanner.getTokenLength()));
  }
  return ` ${tokens.join(' \n\t ')} `;
}

/** JSON texts as servers send them: compact, pretty, or with odd whitespace between the tokens. */
const jsonTexts = fc
  .tuple(fc.jsonValue(), fc.constantFrom(undefined, 2, '\t'), fc.boolean())
  .map(([value, space, spaced]) => {
    const text = JSON.stringify(value, null, space);
    return spaced ? spacedOut(text) : text;
  });

describe('pretty-printing a JSON response in slices', () => {
  it('gives exactly what the Format button gives, for any JSON', () => {
    fc.assert(
      fc.property(jsonTexts, (text) => {
        expect(prettyAll(text)).toBe(formatJson(text).trim());
      }),
      { numRuns: 400 },
    );
  });

  it('keeps numbers, escapes and duplicate keys as sent, and writes empty containers as {} and []', () => {
    const text = '{"id":12345678901234567890,"f":1.0,"e":1e400,"s":"\\u00e9","a":1,"a":2,"o":{ },"l":[ ]}';
    expect(prettyAll(text)).toBe('{\n  "id": 12345678901234567890,\n  "f": 1.0,\n  "e": 1e400,\n  "s": "\\u00e9",\n  "a": 1,\n  "a": 2,\n  "o": {},\n  "l": []\n}');
  });

  it('makes the same text in many small slices as in one', () => {
    const text = JSON.stringify({ data: Array.from({ length: 5000 }, (_, i) => ({ id: i, tags: ['a', 'b'], nested: { ok: true } })) });
    const run = prettyRun(text);
    const parts: string[] = [];
    let slices = 0;
    for (let slice = run.step(0); ; slice = run.step(0)) {
      parts.push(slice.text);
      slices += 1;
      if (slice.done) break;
    }
    expect(slices).toBeGreaterThan(5);
    expect(parts.join('')).toBe(prettyAll(text));
  });

  it('stops at the bound instead of growing a deeply nested body without end', () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    expect(prettyAll(deep, 1_000_000)).toBeNull();
    expect(prettyAll('[[[1]]]', 1_000)).toBe('[\n  [\n    [\n      1\n    ]\n  ]\n]');
  });
});
