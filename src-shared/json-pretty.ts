/**
 * Pretty-printing of JSON text that keeps it exactly: used by the main process for response bodies and by the
 * renderer for its Pretty view and the request body's Format button.
 */

/** A line break and the indentation of each depth up to 32, built once (deeper ones are built when needed). */
const INDENTS: readonly string[] = Array.from({ length: 33 }, (_, depth) => `\n${'  '.repeat(depth)}`);

function indent(depth: number): string {
  return INDENTS[depth] ?? `\n${'  '.repeat(depth)}`;
}

/** JSON insignificant whitespace: space, tab, line feed, carriage return. */
function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Where a bare token (number, `true`, `false`, `null`) ends: at a structural character, a quote or whitespace. */
function isTokenEnd(code: number): boolean {
  return (
    code === 0x2c /* , */ ||
    code === 0x3a /* : */ ||
    code === 0x7b /* { */ ||
    code === 0x7d /* } */ ||
    code === 0x5b /* [ */ ||
    code === 0x5d /* ] */ ||
    code === 0x22 /* " */ ||
    isJsonSpace(code)
  );
}

/**
 * Re-indents a valid JSON text (check it first: invalid text comes out mangled, not refused) with two spaces, token by token, so that numbers keep every digit (a
 * `JSON.parse`/`JSON.stringify` round trip would round large integers) and duplicate keys stay visible.
 */
export function prettyJson(text: string): string {
  let out = '';
  const n = text.length;
  let depth = 0;
  for (let i = 0; i < n; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let j = i + 1;
      for (;;) {
        j = text.indexOf('"', j);
        if (j < 0) {
          j = n - 1;
          break;
        }
        // A quote preceded by an odd number of backslashes is escaped.
        let slashes = 0;
        while (text.charCodeAt(j - 1 - slashes) === 0x5c) slashes += 1;
        if (slashes % 2 === 0) break;
        j += 1;
      }
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      let j = i + 1;
      while (j < n && isJsonSpace(text.charCodeAt(j))) j += 1;
      if (text.charCodeAt(j) === c + 2 /* } or ] */) {
        out += c === 0x7b ? '{}' : '[]';
        i = j;
      } else {
        depth += 1;
        out += (c === 0x7b ? '{' : '[') + indent(depth);
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth -= 1;
      out += indent(depth) + (c === 0x7d ? '}' : ']');
    } else if (c === 0x2c /* , */) {
      out += `,${indent(depth)}`;
    } else if (c === 0x3a /* : */) {
      out += ': ';
    } else if (!isJsonSpace(c)) {
      let j = i + 1;
      while (j < n && !isTokenEnd(text.charCodeAt(j))) j += 1;
      out += text.slice(i, j);
      i = j - 1;
    }
  }
  return out;
}
