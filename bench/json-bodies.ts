/**
 * The JSON answers the request-overhead figures are measured on: a list of items, as `GET /api/v1/items` answers,
 * of an exact size (1 KB = 1,000 bytes and 1 MB = 1,000,000 bytes), served by the emulator's `body` fault on a path
 * of its own (`/api/v1/__bench/…`), byte for byte, with a JSON content type. A real document rather than the
 * `__bytes` route's run of `a`s (which is not JSON): the app parses what it shows, so the figure must include that.
 * Needs an emulator with faults enabled (`startEmulator({ enableFaults: true })`, `cli.ts --faults`).
 */

/** One body the overhead is measured on. */
export interface BenchBody {
  /** Stable key in results.json (`json1kb`, `json1mb`). */
  id: string;
  /** As printed: `1 KB JSON`. */
  label: string;
  /** The path the emulator serves it on. */
  path: string;
  /** Its exact size in bytes. */
  bytes: number;
  /** The budget: what the app may add to the HTTP port's own time, median, in ms. */
  budgetMs: number;
}

/** The two bodies of issue 6's request budget. */
export const BENCH_BODIES: readonly BenchBody[] = [
  { id: 'json1kb', label: '1 KB JSON', path: '/api/v1/__bench/json-1kb', bytes: 1_000, budgetMs: 3 },
  { id: 'json1mb', label: '1 MB JSON', path: '/api/v1/__bench/json-1mb', bytes: 1_000_000, budgetMs: 25 },
];

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
 * `{"data":[items…],"count":N,"note":"…"}` of exactly `bytes` bytes (ASCII, so characters are bytes). The items'
 * descriptions are long enough that the text, escaped inside the fault request's JSON, stays under the emulator's
 * 1 MiB request cap; `note` pads to the exact size.
 */
export function itemsJson(bytes: number): string {
  const parts: string[] = [];
  let used = 0; // the items' text with the commas between them
  // `{"data":[<items>],"count":<n>,"note":"<pad>"}` without the items and the pad.
  const frame = (count: number) => `{"data":[],"count":${count},"note":""}`.length;
  const fits = (text: string) => frame(parts.length + 1) + used + (parts.length > 0 ? 1 : 0) + text.length <= bytes;
  // Long items first, then smaller ones to fill the rest, down to a few bytes short of the size.
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

/** Makes the emulator at `emulatorUrl` serve every bench body on its path, for as long as it runs. */
export async function serveBenchBodies(emulatorUrl: string): Promise<void> {
  for (const body of BENCH_BODIES) {
    const response = await fetch(`${emulatorUrl}/__faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'body', path: body.path, body: itemsJson(body.bytes) }),
    });
    const answer = await response.text();
    if (response.status !== 200) {
      throw new Error(`The emulator did not take the ${body.label} body (${response.status}; are its faults enabled?): ${answer.slice(0, 300)}`);
    }
  }
}
