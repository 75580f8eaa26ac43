/**
 * A URL's query as text (`a=1&b=two%20words`) and as name/value rows, both ways. One pair of functions for every
 * place that turns one into the other: the tester's URL field and its Query table (kept in sync), a pasted curl
 * command, and the request lines of `.http` collection files. Rows hold decoded text; the text form encodes only
 * what a query cannot carry as typed, and leaves `{{variables}}` alone. Pure.
 */
import type { KeyValue } from './tester';

/** Decodes a query name or value as a server reads it (`+` is a space, `%xx` decoded); a bad escape is kept. */
export function decodeQueryPart(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** Characters a query name or value shows as typed; anything else is percent-encoded. */
const KEEP = /[A-Za-z0-9\-._~!$'()*,;:@/?]/;

/** Encodes a name or value for the text form, leaving `{{variables}}` as written. */
export function encodeQueryPart(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('{{', i)) {
      const end = text.indexOf('}}', i + 2);
      if (end > 0) {
        out += text.slice(i, end + 2);
        i = end + 2;
        continue;
      }
    }
    const ch = text[i]!;
    out += KEEP.test(ch) ? ch : encodeURIComponent(ch);
    i += 1;
  }
  return out;
}

/** Splits a query text (with or without its leading `?`) into enabled rows; empty pieces (`a=1&&b=2`) are skipped. */
export function splitQuery(query: string): KeyValue[] {
  const text = query.startsWith('?') ? query.slice(1) : query;
  if (text === '') return [];
  return text
    .split('&')
    .filter((piece) => piece !== '')
    .map((piece) => {
      const eq = piece.indexOf('=');
      const name = eq < 0 ? piece : piece.slice(0, eq);
      const value = eq < 0 ? '' : piece.slice(eq + 1);
      return { name: decodeQueryPart(name), value: decodeQueryPart(value), enabled: true };
    });
}

/** The text form of the enabled rows with a name (`a=1&b=2`, no `?`); a row with no value is written `name=`. */
export function joinQuery(rows: KeyValue[]): string {
  return rows
    .filter((row) => row.enabled && row.name !== '')
    .map((row) => `${encodeQueryPart(row.name)}=${encodeQueryPart(row.value)}`)
    .join('&');
}

/** A URL or path split at its first `?` (a `#` fragment stays with the part it ends). */
export function splitAtQuery(url: string): { path: string; query: string | null } {
  const q = url.indexOf('?');
  return q < 0 ? { path: url, query: null } : { path: url.slice(0, q), query: url.slice(q + 1) };
}
