import { describe, expect, it } from 'vitest';
import { formatJson, jsonText } from '../../src-renderer/features/tester/json-text';

describe('the Pretty view text', () => {
  it('re-indents with two spaces and changes nothing but whitespace', () => {
    const sent = '{"id":12345678901234567890,"f":1.0,"e":1e400,"z":-0,"s":"say \\"hi\\", \\u00e9","a":1,"a":[],"o":{ }}';
    const pretty = jsonText(sent).pretty();
    expect(pretty).toEqual({
      ok: true,
      value: '{\n  "id": 12345678901234567890,\n  "f": 1.0,\n  "e": 1e400,\n  "z": -0,\n  "s": "say \\"hi\\", \\u00e9",\n  "a": 1,\n  "a": [],\n  "o": {}\n}',
    });
    expect(formatJson(sent)).toBe(pretty.ok ? pretty.value : null);
  });

  it('refuses a body whose Pretty form would be far larger than the body, instead of building it', () => {
    // 50 levels deep with 100 values at the bottom: 81 characters, about 15,000 once pretty.
    const text = `${'['.repeat(50)}${'1,'.repeat(100)}1${']'.repeat(50)}`;
    expect(jsonText(text, 10_000).pretty()).toEqual({ ok: false, note: 'This body is nested too deeply to pretty-print, so it is shown raw.' });
    const pretty = jsonText(text, 20_000).pretty();
    expect(pretty.ok && pretty.value.length).toBeGreaterThan(10_000);
    expect(pretty.ok && pretty.value.length).toBeLessThanOrEqual(20_000);
  });

  it('says where a body stops being JSON', () => {
    expect(jsonText('{\n  "a": 1,\n}').pretty()).toEqual({
      ok: false,
      note: 'This body is not complete JSON (A trailing comma is not allowed in JSON at line 2, column 9), so it is shown raw.',
    });
  });
});
