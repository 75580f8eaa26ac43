/**
 * The app protocol's answers in a real Chromium (review part 8, finding 3). Electron cannot run here, so the page
 * is not on `app://deepcurrent/`: every request to a stand-in origin is answered by `resolveAppRequest` itself
 * (the same function Electron's `protocol.handle` calls), with its status, headers (the CSP naming the app origin,
 * `nosniff`) and the built renderer's bytes. What this shows: with exactly those answers, Chromium loads the built
 * renderer (Vite's module script and stylesheet, `boot.js`) with no CSP or MIME type error, the boot hint in the
 * page URL's query reaches `boot.js`, and a traversal from the page is refused. What it cannot show: Electron
 * serving the scheme, and `'self'` matching `app://deepcurrent` (see test/e2e/electron-smoke.spec.ts).
 */
import { expect, test } from '@playwright/test';
import { answerBody, APP_ORIGIN, resolveAppRequest } from '../../src-main/shell/app-protocol';
import { RENDERER_DIR } from '../../web/build-renderer';

/** The stand-in origin the page is opened at; nothing listens there, every request is answered by the route. */
const STAND_IN = 'http://deepcurrent.invalid';

test('Chromium loads the renderer from the app protocol’s answers, with the boot hint from the query', async ({ page }) => {
  const rendererDir = process.env.DEEPCURRENT_E2E_RENDERER_DIR ?? RENDERER_DIR;
  const served: Array<{ path: string; status: number; type: string }> = [];
  const problems: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|MIME type|Failed to load/i.test(message.text())) problems.push(message.text());
  });
  // The app's module scripts wait until the test has seen what boot.js did with the hint.
  let releaseModules = () => {};
  const modulesReleased = new Promise<void>((resolve) => (releaseModules = resolve));
  await page.route(`${STAND_IN}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (/^\/assets\/.+\.js$/.test(url.pathname)) await modulesReleased;
    const answer = await resolveAppRequest(`${APP_ORIGIN}${url.pathname}${url.search}`, rendererDir, { method: route.request().method() });
    served.push({ path: url.pathname, status: answer.status, type: answer.headers['Content-Type'] ?? '' });
    await route.fulfill({ status: answer.status, headers: answer.headers, body: answer.path ? Buffer.from(await answerBody({ ...answer, path: answer.path })) : answer.body });
  });

  await page.goto(`${STAND_IN}/index.html?theme=dark`, { waitUntil: 'commit' });
  // boot.js has applied the hint before the app's module (held back) can follow its own settings.
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  releaseModules();
  // The module script ran (it marks the mount, even though no main process answers it here).
  await page.waitForFunction(() => performance.getEntriesByName('deepcurrent:app-mounted').length > 0);

  expect(served.filter((s) => s.status !== 200)).toEqual([]);
  expect(served.find((s) => s.path === '/index.html')?.type).toBe('text/html; charset=utf-8');
  expect(served.find((s) => s.path === '/boot.js')?.type).toBe('text/javascript; charset=utf-8');
  expect(served.some((s) => /^\/assets\/.+\.js$/.test(s.path) && s.type === 'text/javascript; charset=utf-8')).toBe(true);
  expect(served.some((s) => /^\/assets\/.+\.css$/.test(s.path) && s.type === 'text/css; charset=utf-8')).toBe(true);
  expect(problems).toEqual([]);

  const refused = await page.evaluate(async () => ({
    traversal: (await fetch('/..%2f..%2fpackage.json')).status,
    encoded: (await fetch('/%2e%2e%2fpackage.json')).status,
    missing: (await fetch('/no-such-file.js')).status,
  }));
  expect(refused).toEqual({ traversal: 403, encoded: 403, missing: 404 });
});
