/**
 * Renderer start: Debian's Chromium opens the app through start:web (`startWebApp`, in this process, serving the
 * production renderer build), and the page itself times, from navigation start (`performance.now()` is relative
 * to it), the first frame in which the sign-in form accepts input: the Email field exists, is enabled, visible,
 * not inert, and takes focus. Every load is cold: a new browser context (empty cache) with the cache disabled.
 * The figure is the time just after that frame is painted; the frame's own time and the moment the DOM first
 * held a ready field are kept in results.json. Interleaved with the app's loads, a floor page (the same server and
 * bridge script, and a bare Email field) is loaded the same way: on a busy machine the absolute time grows, and
 * the app's own share is its median minus the floor's.
 *
 * The app is served as a packaged app runs (no emulator) on a first run with the keychain: its production build
 * carries the sign-in form prerendered, shown before React has loaded, so the form can accept input before the
 * app has mounted; React's own mount over it (`deepcurrent:app-mounted`) is reported beside the figure, so the
 * table never hides how long the app itself takes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { chromium, type Browser } from '@playwright/test';
import { startWebApp } from '../web/web-app';
import { median, ms, round, summarise, withinBudget, type Figure } from './stats';
import { CHROMIUM_ARGS, chromiumPath } from '../test/e2e/fixtures/browsers';

/** The budget of the median start, in ms. */
export const RENDERER_START_BUDGET_MS = 250;

interface PageTiming {
  paintedAt: number;
  frameAt: number;
  domAt: number;
  domContentLoaded: number;
  firstContentfulPaint: number | null;
  /** When React had rendered the app (over the prerendered form, when that was shown): its `performance.mark`. */
  appMounted: number;
  /** When the last script finished downloading. */
  scriptsLoaded: number;
  /** When the app asked for its state (the first IPC call), and when the answer arrived; -1 without one. */
  stateRequested: number;
  stateAnswered: number;
}

/**
 * Runs in the page before any of its scripts: watches for the Email field to accept input. A string, not a
 * function: tsx would wrap a function's inner functions in a helper the page does not have.
 */
const PROBE = `(() => {
  const state = { ready: false, domAt: -1, frameAt: -1, paintedAt: -1 };
  Object.defineProperty(window, '__dcBench', { value: state });
  const accepting = () => {
    const el = document.querySelector('input[type="email"]');
    if (!el || el.disabled || el.readOnly || el.closest('[inert], fieldset[disabled]')) return false;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return false;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.pointerEvents === 'none') return false;
    if (document.activeElement !== el) el.focus();
    return document.activeElement === el;
  };
  const observer = new MutationObserver(() => {
    if (state.domAt < 0 && accepting()) {
      state.domAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true });
  const frame = () => {
    if (!accepting()) {
      requestAnimationFrame(frame);
      return;
    }
    state.frameAt = performance.now();
    if (state.domAt < 0) state.domAt = state.frameAt;
    observer.disconnect();
    // A message posted from the frame is handled after the frame is painted.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      state.paintedAt = performance.now();
      state.ready = true;
    };
    channel.port2.postMessage(null);
  };
  requestAnimationFrame(frame);
})();`;

/** One cold load; `app` also waits for the app's mount (the floor page has none). */
async function oneLoad(browser: Browser, url: string, app: boolean): Promise<PageTiming> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.addInitScript({ content: PROBE });
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(
      (waitForApp) =>
        (window as unknown as { __dcBench?: { ready: boolean } }).__dcBench?.ready === true &&
        (!waitForApp || performance.getEntriesByName('deepcurrent:app-mounted').length > 0),
      app,
      { timeout: 20_000, polling: 50 },
    );
    return await page.evaluate(() => {
      const s = (window as unknown as { __dcBench: { paintedAt: number; frameAt: number; domAt: number } }).__dcBench;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const scripts = resources.filter((r) => r.initiatorType === 'script' || /\.js(\?|$)/.test(r.name));
      const state = resources.find((r) => r.name.includes('/__ipc/') && decodeURIComponent(r.name).includes('get-state'));
      const mounted = performance.getEntriesByName('deepcurrent:app-mounted')[0];
      return {
        appMounted: mounted ? mounted.startTime : -1,
        scriptsLoaded: scripts.length ? Math.max(...scripts.map((r) => r.responseEnd)) : -1,
        stateRequested: state ? state.startTime : -1,
        stateAnswered: state ? state.responseEnd : -1,
        paintedAt: s.paintedAt,
        frameAt: s.frameAt,
        domAt: s.domAt,
        domContentLoaded: nav?.domContentLoadedEventEnd ?? -1,
        firstContentfulPaint: fcp ? fcp.startTime : null,
      };
    });
  } finally {
    await context.close();
  }
}

export interface RendererStartOptions {
  rendererDir: string;
  loads: number;
  noKeychain: boolean;
}

/** The floor page: nothing but the Email field the probe waits for (the server injects the bridge script). */
const FLOOR_HTML = `<!doctype html>
<html lang="en"><head><meta charset="UTF-8"><title>floor</title></head>
<body><form><label>Email <input type="email" name="email"></label></form></body></html>
`;

/** Opens the app `loads` times (after one discarded warm-up load), interleaved with the floor page. */
export async function measureRendererStart(options: RendererStartOptions): Promise<Figure[]> {
  const executablePath = chromiumPath();
  const label = `Renderer start (Chromium, start:web, median of ${options.loads} cold loads)`;
  const budget = `≤ ${RENDERER_START_BUDGET_MS} ms`;
  if (!executablePath) {
    return [{ id: 'rendererStart', label, value: 'not measured', budget, status: 'not measured', note: 'No Chromium at /usr/bin/chromium (or $CHROMIUM_PATH).' }];
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'dc-bench-web-'));
  const floorDir = mkdtempSync(join(tmpdir(), 'dc-bench-floor-'));
  writeFileSync(join(floorDir, 'index.html'), FLOOR_HTML);
  const app = await startWebApp({
    rendererDir: options.rendererDir,
    build: 'never',
    dataDir,
    // As the packaged app: no emulator, so no Local environment (the sign-in form lists what the build offers).
    emulator: false,
    noKeychain: options.noKeychain,
    keychainService: `DeepCurrent Desktop (bench web ${randomBytes(4).toString('hex')})`,
  });
  let floor: Awaited<ReturnType<typeof startWebApp>> | null = null;
  let browser: Browser | null = null;
  try {
    floor = await startWebApp({ rendererDir: floorDir, build: 'never', dataDir: join(dataDir, 'floor'), emulator: false, noKeychain: true });
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
    // Warm-up: the servers' first file reads, the browser's first renderer process.
    await oneLoad(browser, app.url, true);
    await oneLoad(browser, floor.url, false);
    const timings: PageTiming[] = [];
    const floorTimes: number[] = [];
    for (let i = 0; i < options.loads; i += 1) {
      if (i % 2 === 0) {
        timings.push(await oneLoad(browser, app.url, true));
        floorTimes.push((await oneLoad(browser, floor.url, false)).paintedAt);
      } else {
        floorTimes.push((await oneLoad(browser, floor.url, false)).paintedAt);
        timings.push(await oneLoad(browser, app.url, true));
      }
    }
    const painted = timings.map((t) => t.paintedAt);
    const value = median(painted);
    const floorMedian = median(floorTimes);
    return [
      {
        id: 'rendererStart',
        label,
        value: `${ms(value)} (app mounted ${ms(median(timings.map((t) => t.appMounted)))}; floor page ${ms(floorMedian)})`,
        budget,
        status: withinBudget(value, RENDERER_START_BUDGET_MS),
        data: {
          formReadyPaintedMs: summarise(painted, 1),
          formReadyFrameMs: summarise(timings.map((t) => t.frameAt), 1),
          formReadyInDomMs: summarise(timings.map((t) => t.domAt), 1),
          appMountedMs: summarise(timings.map((t) => t.appMounted), 1),
          domContentLoadedMs: summarise(timings.map((t) => t.domContentLoaded), 1),
          firstContentfulPaintMs: summarise(timings.map((t) => t.firstContentfulPaint).filter((t): t is number => t !== null), 1),
          scriptsLoadedMs: summarise(timings.map((t) => t.scriptsLoaded), 1),
          stateRequestedMs: summarise(timings.map((t) => t.stateRequested), 1),
          stateAnsweredMs: summarise(timings.map((t) => t.stateAnswered), 1),
          floorPagePaintedMs: summarise(floorTimes, 1),
          appAboveFloorMs: round(value - floorMedian, 1),
          chromium: browser.version(),
          keychain: app.services.context.session.persistent ? 'os' : 'memory',
        },
      },
    ];
  } finally {
    await browser?.close();
    await app.close();
    await floor?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(floorDir, { recursive: true, force: true });
  }
}
