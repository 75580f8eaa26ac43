/**
 * Finds where a JSON text stops being JSON, with the same answer on every Node and Electron version (V8's
 * `JSON.parse` messages differ between versions and do not always give a position). Iterative, so deeply nested
 * input cannot overflow the stack.
 */

/** Where and why a text is not JSON. `position` is a 0-based character offset; line and column are 1-based. */
export interface JsonSyntaxError {
  position: number;
  line: number;
  column: number;
  reason: string;
}

const WS = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function locate(text: string, position: number, reason: string): JsonSyntaxError {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return { position, line, column, reason };
}

/** Scans a string starting at the opening quote; returns the index after the closing quote, or an error. */
function scanString(text: string, start: number): number | { at: number; reason: string } {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') return i + 1;
    if (c === '\\') {
      const next = text[i + 1];
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { at: i, reason: 'A \\u escape needs four hex digits' };
        i += 6;
        continue;
      }
      if (next === undefined || !ESCAPES.has(next)) return { at: i, reason: 'Invalid escape in a string' };
      i += 2;
      continue;
    }
    if (c.charCodeAt(0) < 0x20) return { at: i, reason: 'A string cannot contain a raw line break or control character' };
    i += 1;
  }
  return { at: start, reason: 'A string is not closed' };
}

/** Returns null when the text is valid JSON, else the first error's position and a reason a person understands. */
export function jsonSyntaxError(text: string): JsonSyntaxError | null {
  const stack: ('{' | '[')[] = [];
  let state: 'value' | 'key' | 'colon' | 'after' = 'value';
  let i = 0;
  const n = text.length;
  const fail = (at: number, reason: string) => locate(text, at, reason);
  for (;;) {
    while (i < n && WS.has(text[i]!)) i += 1;
    const c = text[i];
    if (state === 'value') {
      if (c === undefined) return fail(i, 'A value is missing at the end');
      if (c === '{' || c === '[') {
        stack.push(c);
        i += 1;
        while (i < n && WS.has(text[i]!)) i += 1;
        const close = c === '{' ? '}' : ']';
        if (text[i] === close) {
          stack.pop();
          i += 1;
          state = 'after';
        } else {
          state = c === '{' ? 'key' : 'value';
        }
        continue;
      }
      if (c === '"') {
        const end = scanString(text, i);
        if (typeof end !== 'number') return fail(end.at, end.reason);
        i = end;
        state = 'after';
        continue;
      }
      if (c === '-' || (c >= '0' && c <= '9')) {
        NUMBER.lastIndex = i;
        const m = NUMBER.exec(text);
        if (!m || m[0] === '-') return fail(i, 'Invalid number');
        i += m[0].length;
        state = 'after';
        continue;
      }
      const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
      if (literal) {
        i += literal.length;
        state = 'after';
        continue;
      }
      if (c === "'") return fail(i, 'Strings must use double quotes');
      return fail(i, `Unexpected character "${c}"`);
    }
    if (state === 'key') {
      if (c !== '"') return fail(i, c === undefined ? 'A property name is missing at the end' : 'Expected a property name in double quotes');
      const end = scanString(text, i);
      if (typeof end !== 'number') return fail(end.at, end.reason);
      i = end;
      state = 'colon';
      continue;
    }
    if (state === 'colon') {
      if (c !== ':') return fail(i, 'Expected ":" after the property name');
      i += 1;
      state = 'value';
      continue;
    }
    // state === 'after': a value ended.
    const top = stack[stack.length - 1];
    if (top === undefined) return c === undefined ? null : fail(i, 'Unexpected text after the JSON value');
    const close = top === '{' ? '}' : ']';
    if (c === ',') {
      const comma = i;
      i += 1;
      while (i < n && WS.has(text[i]!)) i += 1;
      if (text[i] === '}' || text[i] === ']') return fail(comma, 'A trailing comma is not allowed in JSON');
      state = top === '{' ? 'key' : 'value';
      continue;
    }
    if (c === close) {
      stack.pop();
      i += 1;
      continue;
    }
    if (c === undefined) return fail(i, `"${close}" is missing at the end`);
    return fail(i, `Expected "," or "${close}"`);
  }
}
