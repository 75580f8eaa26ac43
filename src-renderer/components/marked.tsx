/**
 * Search highlighting: a text with each occurrence of a (lower-case) query wrapped in `<mark>`, case-insensitively,
 * up to a number of parts so that a very common query cannot build a huge tree.
 */

/** `text` with each occurrence of the lower-case `query` marked; the text as it is for an empty query. */
export function Marked({ text, query, maxParts = 100 }: { text: string; query: string; maxParts?: number }) {
  if (!query) return text;
  const parts: (string | { mark: string })[] = [];
  const lower = text.toLowerCase();
  let at = 0;
  for (let found = lower.indexOf(query); found >= 0 && parts.length < maxParts; found = lower.indexOf(query, at)) {
    if (found > at) parts.push(text.slice(at, found));
    parts.push({ mark: text.slice(found, found + query.length) });
    at = found + query.length;
  }
  parts.push(text.slice(at));
  return parts.map((p, i) => (typeof p === 'string' ? p : <mark key={i}>{p.mark}</mark>));
}
