/**
 * Opening a collection of 500 requests (issue 14's budget: ≤ 200 ms), measured twice:
 * - main: `listCollections` through the router on fresh services (a cold reader: every file read and parsed), 500
 *   requests in 10 `.http` files of the shapes people write (JSON bodies, headers, variables, comments, scripts),
 *   with the answer copied through V8's serializer as IPC copies it. Median of `rounds`.
 * - the app in Chromium through start:web: the tester open, a new collection of 500 requests written to disk, then
 *   the page is told the window got the focus (the panel asks main at once): the time from there to the first
 *   painted frame with all 500 saved requests listed. The page asks once main's folder watch has moved the revision
 *   (which reads nothing), so the figure is the ask, the cold read and parse, the IPC copy and the render; a round
 *   where the panel's own poll was first gives no sample. Median of `rounds`, each collection new.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { chromium } from '@playwright/test';
import { DEMO_PASSWORD } from '../emulator/demo-accounts';
import { startEmulator } from '../emulator/server';
import { createAppServices } from '../src-main/app';
import { MemoryClipboard } from '../src-main/platform/memory-clipboard';
import { MemorySecretStore } from '../src-main/platform/memory-secret-store';
import { startWebApp } from '../web/web-app';
import { WATCH_DEBOUNCE_MS } from '../src-main/collections/collection-watch';
import { CHROMIUM_ARGS, chromiumPath } from '../test/e2e/fixtures/browsers';
import { median, ms, summarise, withinBudget, type Figure } from './stats';

/** The budget of opening a collection of 500 requests, in ms. */
export const COLLECTION_OPEN_BUDGET_MS = 200;
const REQUESTS = 500;
const FILES = 10;

/** One request block of a realistic shape, varied by `i`. */
function block(i: number): string {
  switch (i % 4) {
    case 0:
      return `### List items ${i}\n# @name list-${i}\nGET {{baseUrl}}/api/v1/items?skip=${i}&limit=20\nAccept: application/json\n`;
    case 1:
      return `### Create item ${i}\n# @name create-${i}\n// made for the benchmark\nPOST {{baseUrl}}/api/v1/items\nContent-Type: application/json\n\n{\n  "title": "Item ${i}",\n  "description": "a line of text that describes item ${i} in a few words"\n}\n`;
    case 2:
      return `### Read item ${i}\nGET {{baseUrl}}/api/v1/items/{{id}}\nX-Trace: bench-${i}\n\n> {% client.test("ok", function () { client.assert(response.status === 200); }); %}\n`;
    default:
      return `### Update item ${i}\n# @deepcurrent-auth token\nPUT {{baseUrl}}/api/v1/items/{{id}}\nContent-Type: application/x-www-form-urlencoded\n\ntitle=Item%20${i}&description=changed\n`;
  }
}

/** Writes a collection of 500 requests into `folder`, in files named after `tag` (earlier files removed). */
export function writeCollection(folder: string, tag: string): void {
  mkdirSync(folder, { recursive: true });
  for (const name of readdirSync(folder)) if (name.endsWith('.http')) rmSync(join(folder, name));
  const perFile = REQUESTS / FILES;
  for (let f = 0; f < FILES; f += 1) {
    const blocks = Array.from({ length: perFile }, (_, n) => block(f * perFile + n));
    writeFileSync(join(folder, `${tag}-${String(f).padStart(2, '0')}.http`), `@id = it_${f}\n\n${blocks.join('\n')}`);
  }
  writeFileSync(join(folder, 'http-client.env.json'), JSON.stringify({ local: { baseUrl: 'http://127.0.0.1:8000', id: 'it_1' } }, null, 2));
}

/** Main's share: the router's answer on fresh services, and its IPC copy. */
async function measureMain(rounds: number): Promise<{ samples: number[]; requests: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'dc-bench-collections-'));
  const folder = join(dir, 'collections');
  writeCollection(folder, 'bench');
  const samples: number[] = [];
  let requests = 0;
  try {
    for (let round = 0; round < rounds + 1; round += 1) {
      const services = createAppServices({
        secretStore: new MemorySecretStore(),
        kv: { get: () => undefined, set: () => {}, delete: () => {} },
        clipboard: new MemoryClipboard(),
        localEmulatorUrl: null,
        collectionsFolder: folder,
      });
      const started = performance.now();
      const answer = await services.router.call('listCollections', {});
      const copied = deserialize(serialize(answer)) as typeof answer;
      const took = performance.now() - started;
      await services.dispose();
      if (!copied.ok) throw new Error(`listCollections failed: ${copied.error.message}`);
      const value = copied.value as { collections: { files: { requests: unknown[] }[] }[] };
      requests = value.collections[0]!.files.reduce((n, f) => n + f.requests.length, 0);
      if (round > 0) samples.push(took); // the first round warms the module cache
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { samples, requests };
}

/** The page's side: from the focus event to the painted frame that lists every request. */
const WAIT_FOR_LIST = `(expected) => new Promise((resolve) => {
  const started = performance.now();
  const done = () => document.querySelectorAll('.saved-request').length === expected && document.querySelector('.saved-request[data-bench]') === null;
  const finish = () => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - started)));
  if (done()) return resolve(-1); // the panel's own poll was faster: no sample
  const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); finish(); } });
  observer.observe(document.body, { childList: true, subtree: true });
  window.dispatchEvent(new Event('focus'));
})`;

/** The app's share in Chromium, through start:web. */
async function measurePage(rounds: number): Promise<number[]> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('no Chromium (set CHROMIUM_PATH)');
  const dataDir = mkdtempSync(join(tmpdir(), 'dc-bench-collections-web-'));
  const emulator = await startEmulator({ port: 0, quiet: true, scryptCost: 1024 });
  const app = await startWebApp({ dataDir, emulatorUrl: emulator.url, noKeychain: true, build: 'if-missing' });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const samples: number[] = [];
  try {
    const signedIn = await app.services.router.call('signInWithPassword', { email: 'ada@deepcurrent.test', password: DEMO_PASSWORD, environment: { kind: 'local' } });
    if (!signedIn.ok) throw new Error(`sign-in failed: ${signedIn.error.message}`);
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(app.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Request tester', exact: true }).click();
    await page.getByRole('region', { name: 'Collections' }).getByText('Folder:').waitFor();
    const folder = join(dataDir, 'collections');
    for (let round = 0; samples.length < rounds && round < rounds * 3; round += 1) {
      // Mark the listed requests, so the wait ends only when the new collection replaced them all.
      await page.evaluate(() => document.querySelectorAll('.saved-request').forEach((el) => el.setAttribute('data-bench', '')));
      writeCollection(folder, `round-${round}`);
      // Let main's folder watch notice (it only moves the revision; nothing is read before the page asks).
      await new Promise((resolve) => setTimeout(resolve, 4 * WATCH_DEBOUNCE_MS));
      const took = (await page.evaluate(`(${WAIT_FOR_LIST})(${REQUESTS})`)) as number;
      if (round > 0 && took >= 0) samples.push(took);
    }
  } finally {
    await browser.close();
    await app.close();
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return samples;
}

/** The two figures. */
export async function measureCollectionOpen(rounds: number): Promise<Figure[]> {
  const main = await measureMain(rounds);
  if (main.requests !== REQUESTS) throw new Error(`listed ${main.requests} requests, not ${REQUESTS}`);
  const mainMedian = median(main.samples);
  const figures: Figure[] = [
    {
      id: 'collectionOpenMain',
      label: 'Open a collection of 500 requests (main: read, parse, list, IPC copy)',
      value: ms(mainMedian),
      budget: `≤ ${COLLECTION_OPEN_BUDGET_MS} ms`,
      status: withinBudget(mainMedian, COLLECTION_OPEN_BUDGET_MS),
      data: { samples: summarise(main.samples), files: FILES, requests: REQUESTS },
    },
  ];
  try {
    const page = await measurePage(rounds);
    const pageMedian = median(page);
    figures.push({
      id: 'collectionOpenPage',
      label: 'Open a collection of 500 requests (Chromium: ask, read, list, painted)',
      value: ms(pageMedian),
      budget: `≤ ${COLLECTION_OPEN_BUDGET_MS} ms`,
      status: withinBudget(pageMedian, COLLECTION_OPEN_BUDGET_MS),
      data: { samples: summarise(page) },
    });
  } catch (err) {
    figures.push({
      id: 'collectionOpenPage',
      label: 'Open a collection of 500 requests (Chromium)',
      value: 'not measured',
      budget: `≤ ${COLLECTION_OPEN_BUDGET_MS} ms`,
      status: 'not measured',
      note: err instanceof Error ? err.message : String(err),
    });
  }
  return figures;
}
