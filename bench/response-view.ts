/**
 * The response view with a large JSON body (issue 14's budget): Debian's Chromium opens the app through start:web
 * (`startWebApp`, in this process, serving the production renderer build, the emulator with its test routes), ada
 * signs in through the router, and the request tester sends `GET /api/v1/__json?size=5000000` (a list of items of
 * exactly 5,000,000 bytes) again and again. For each answer the page times, from the moment the answer is in the
 * renderer's store (`deepcurrent:response-arrived`, set by the tester slice) to the first painted frame in which the
 * response's code editor shows highlighted JSON (a `tok-key` in view): the figure is the median. Then, for the last
 * answer, the editor is scrolled through (mouse wheel, in steps) while the Pretty text is still being made, and every
 * main-thread task over 50 ms (the Long Tasks API) is recorded: the longest must stay under 200 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../emulator/demo-accounts';
import { startWebApp } from '../web/web-app';
import { CHROMIUM_ARGS, chromiumPath } from '../test/e2e/fixtures/browsers';
import { median, ms, round, summarise, withinBudget, type Figure } from './stats';

/** The body's size: 5 MB. */
export const RESPONSE_VIEW_BYTES = 5_000_000;
/** The budget of the median time to the first screen of highlighted text. */
export const FIRST_SCREEN_BUDGET_MS = 300;
/** The budget of the longest main-thread task while scrolling. */
export const LONGEST_TASK_BUDGET_MS = 200;

/**
 * Runs in the page before its scripts: records long tasks, and after each arrival mark waits for the first frame
 * with highlighted JSON in the response view, then for that frame to be painted. A string: tsx would wrap a
 * function's inner functions in a helper the page does not have.
 */
const PROBE = `(() => {
  const state = { shown: [], longTasks: [] };
  Object.defineProperty(window, '__dcView', { value: state });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) state.longTasks.push({ at: entry.startTime, ms: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  const highlighted = () => {
    const token = document.querySelector('.response-panel .cm-content .tok-key');
    if (!token) return false;
    const box = token.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight;
  };
  let waitingFor = null;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name !== 'deepcurrent:response-arrived') continue;
      const arrived = entry.startTime;
      waitingFor = arrived;
      const frame = () => {
        if (waitingFor !== arrived) return;
        if (!highlighted()) return requestAnimationFrame(frame);
        const channel = new MessageChannel();
        channel.port1.onmessage = () => state.shown.push(performance.now() - arrived);
        channel.port2.postMessage(null);
        waitingFor = null;
      };
      requestAnimationFrame(frame);
    }
  }).observe({ type: 'mark' });
})();`;

/** Clicks Raw and times to the painted frame whose first line is the raw document (a string, as `PROBE`). */
const RAW_PROBE = `new Promise((resolve) => {
  const started = performance.now();
  Array.from(document.querySelectorAll('.response-panel button')).find((b) => b.textContent === 'Raw').click();
  const frame = () => {
    const line = document.querySelector('.response-panel .cm-line');
    if (!line || !line.textContent.startsWith('{"data":[{')) return requestAnimationFrame(frame);
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now() - started);
    channel.port2.postMessage(null);
  };
  requestAnimationFrame(frame);
})`;

interface ViewState {
  shown: number[];
  longTasks: Array<{ at: number; ms: number }>;
}

const viewState = (page: Page) => page.evaluate(() => (window as unknown as { __dcView: ViewState }).__dcView);

/** Sends the 5 MB request once and waits for its first screen. */
async function oneAnswer(page: Page, count: number): Promise<void> {
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.waitForFunction((n) => (window as unknown as { __dcView: ViewState }).__dcView.shown.length >= n, count, { timeout: 60_000, polling: 50 });
}

/** What the measurement needs: the production renderer, and how many answers to time. */
export interface ResponseViewOptions {
  rendererDir: string;
  answers: number;
}

/** Measures the response view (see the module comment). */
export async function measureResponseView(options: ResponseViewOptions): Promise<Figure[]> {
  const executablePath = chromiumPath();
  const label = `Response view, 5 MB JSON: answer to first highlighted screen (Chromium, median of ${options.answers})`;
  const scrollLabel = 'Response view, 5 MB JSON: longest main-thread task while scrolling';
  if (!executablePath) {
    const note = 'No Chromium at /usr/bin/chromium (or $CHROMIUM_PATH).';
    return [
      { id: 'responseViewFirstScreen', label, value: 'not measured', budget: `≤ ${FIRST_SCREEN_BUDGET_MS} ms`, status: 'not measured', note },
      { id: 'responseViewLongestTask', label: scrollLabel, value: 'not measured', budget: `≤ ${LONGEST_TASK_BUDGET_MS} ms`, status: 'not measured', note },
    ];
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'dc-bench-view-'));
  const app = await startWebApp({ rendererDir: options.rendererDir, build: 'never', dataDir, emulator: { enableFaults: true }, noKeychain: true });
  let browser: Browser | null = null;
  try {
    const signedIn = await app.services.router.call('signInWithPassword', { email: 'ada@deepcurrent.test', password: DEMO_PASSWORD, environment: { kind: 'local' } });
    if (!signedIn.ok) throw new Error(`sign-in failed: ${signedIn.error.message}`);
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.addInitScript({ content: PROBE });
    await page.goto(app.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Request tester' }).click();
    await page.getByLabel('Path', { exact: true }).fill(`/api/v1/__json?size=${RESPONSE_VIEW_BYTES}`);
    // Warm-up: the editor's chunk, the first parse of each kind. The answer must be the 5 MB document.
    await oneAnswer(page, 1);
    const status = (await page.locator('.response-panel .status-line').textContent()) ?? '';
    if (!/^200 OK.*4\.8 MB$/.test(status)) throw new Error(`the answer was not the 5 MB JSON document: ${status}`);
    if (process.env.DEEPCURRENT_BENCH_SHOT) await page.screenshot({ path: process.env.DEEPCURRENT_BENCH_SHOT });
    for (let i = 0; i < options.answers; i += 1) await oneAnswer(page, i + 2);
    const shown = (await viewState(page)).shown.slice(1);

    // Scroll through the last answer's body while it is still being pretty-printed, and record long tasks.
    await oneAnswer(page, options.answers + 2);
    const scrollFrom = await page.evaluate(() => performance.now());
    const editor = page.locator('.response-panel .cm-scroller');
    const box = await editor.boundingBox();
    if (!box) throw new Error('the response editor is not on screen');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let step = 0; step < 60; step += 1) {
      await page.mouse.wheel(0, 4000);
      await page.waitForTimeout(30);
    }
    const scrolledTo = await editor.evaluate((el) => el.scrollTop);
    const state = await viewState(page);
    const during = state.longTasks.filter((t) => t.at >= scrollFrom).map((t) => t.ms);
    const longest = during.length ? Math.max(...during) : 0;
    const value = median(shown);

    // For the record: the same body as received (one line of 5 MB) in Raw, from the click to its painted first screen.
    const rawFrom = await page.evaluate(() => performance.now());
    const rawShown = (await page.evaluate(RAW_PROBE)) as number;
    const rawTasks = (await viewState(page)).longTasks.filter((t) => t.at >= rawFrom).map((t) => round(t.ms, 1));
    return [
      {
        id: 'responseViewFirstScreen',
        label,
        value: ms(value),
        budget: `≤ ${FIRST_SCREEN_BUDGET_MS} ms`,
        status: withinBudget(value, FIRST_SCREEN_BUDGET_MS),
        data: { firstScreenMs: summarise(shown, 1), bodyBytes: RESPONSE_VIEW_BYTES, chromium: browser.version() },
      },
      {
        id: 'responseViewLongestTask',
        label: scrollLabel,
        value: during.length ? `${ms(longest)} (${during.length} tasks over 50 ms)` : 'none over 50 ms',
        budget: `≤ ${LONGEST_TASK_BUDGET_MS} ms`,
        status: withinBudget(longest, LONGEST_TASK_BUDGET_MS),
        data: { longTasksMs: during.map((t) => round(t, 1)), scrolledToPx: round(scrolledTo, 0) },
      },
      {
        id: 'responseViewRaw',
        label: 'Response view, 5 MB JSON as one line (Raw): click to first screen',
        value: `${ms(rawShown)}${rawTasks.length ? ` (longest task ${ms(Math.max(...rawTasks))})` : ''}`,
        budget: '—',
        status: 'info',
        data: { longTasksMs: rawTasks },
      },
    ];
  } finally {
    await browser?.close();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
