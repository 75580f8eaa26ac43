/**
 * The JSON answers the request-overhead figures are measured on: a list of items, as `GET /api/v1/items` answers,
 * of an exact size (1 KB = 1,000 bytes and 1 MB = 1,000,000 bytes), served by the emulator's `body` fault on a path
 * of its own (`/api/v1/__bench/…`), byte for byte, with a JSON content type. A real document rather than the
 * `__bytes` route's run of `a`s (which is not JSON): the app parses what it shows, so the figure must include that.
 * Needs an emulator with faults enabled (`startEmulator({ enableFaults: true })`, `cli.ts --faults`).
 */
import { itemsJson } from '../emulator/items-json';

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

/** The body a figure is measured on: see `emulator/items-json.ts` (also behind the emulator's `__json` route). */
export { itemsJson };

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
