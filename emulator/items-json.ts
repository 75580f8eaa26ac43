/**
 * A JSON list of items of an exact size, as `GET /api/v1/items` answers (`{"data": [...], "count": N, "note": ""}`),
 * for the test-only `GET /api/v1/__json?size=N` route and the benchmark's bodies: a real document rather than the
 * `__bytes` route's run of `a`s, since the app parses and pretty-prints what it shows.
 */

const WORDS = 'the quick current carries data past the reef while divers count the fish and note each change'.split(' ');

function item(i: number, descriptionLength: number): Record<string, unknown> {
  let description = '';
  for (let w = i; description.length < descriptionLength; w += 1) description += `${WORDS[w % WORDS.length]} `;
  return {
    id: `it_${String(i).padStart(6, '0')}`,
    title: `Item ${i}`,
    description: description.trim(),
    created_at: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
    done: i % 3 === 0,
    owner_id: 'u_0001',
  };
}

/**
 * `{"data":[items…],"count":N,"note":"…"}` of exactly `bytes` bytes (ASCII, so characters are bytes): long items
 * first, then shorter ones to fill the rest, `note` padding to the exact size. Throws for fewer than 35 bytes.
 */
export function itemsJson(bytes: number): string {
  const parts: string[] = [];
  let used = 0; // the items' text with the commas between them
  // `{"data":[<items>],"count":<n>,"note":"<pad>"}` without the items and the pad.
  const frame = (count: number) => `{"data":[],"count":${count},"note":""}`.length;
  const fits = (text: string) => frame(parts.length + 1) + used + (parts.length > 0 ? 1 : 0) + text.length <= bytes;
  for (const length of [400, 120, 20, 0]) {
    for (let next = JSON.stringify(item(parts.length, length)); fits(next); next = JSON.stringify(item(parts.length, length))) {
      used += (parts.length > 0 ? 1 : 0) + next.length;
      parts.push(next);
    }
  }
  const pad = bytes - frame(parts.length) - used;
  if (pad < 0) throw new Error(`itemsJson(${bytes}): ${bytes} bytes are too few for a list of items`);
  const text = `{"data":[${parts.join(',')}],"count":${parts.length},"note":"${'x'.repeat(pad)}"}`;
  if (text.length !== bytes) throw new Error(`itemsJson(${bytes}) made ${text.length} bytes`);
  return text;
}
