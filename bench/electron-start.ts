/**
 * Electron start, where an Electron binary is installed: the built app (`out/`, built first when missing or older
 * than its sources) is launched with Playwright's `_electron` into a fresh user-data folder; the figure is the time
 * from launch to the window's first contentful paint (the page's paint time on the wall clock, as the window is
 * shown at `ready-to-show`), and the total RSS of every Electron process after signing in as ada through the UI.
 * Where no binary exists (it is fetched at the first `npm start`) or no display, it says "not measured" and why; it never
 * triggers a download (it does not import `electron`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from '@playwright/test';
import { buildApp, buildIsStale } from '../web/build-renderer';
import { ROOT } from './build';
import { electronBinary } from '../test/e2e/fixtures/browsers';
import { DEMO_EMAIL, DEMO_PASSWORD } from './app-session';
import { mb, median, ms, summarise, type Figure } from './stats';

interface ElectronRun {
  firstPaintMs: number;
  rssBytes: number;
  processes: number;
}

async function oneRun(binary: string): Promise<ElectronRun> {
  const userData = mkdtempSync(join(tmpdir(), 'dc-bench-electron-'));
  const launchedAt = Date.now();
  const app = await electron.launch({ executablePath: binary, args: ['.'], cwd: ROOT, env: { ...process.env, DEEPCURRENT_USER_DATA_DIR: userData } });
  try {
    const win = await app.firstWindow();
    await win.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 30_000 });
    const paintedAt = await win.evaluate(() => performance.timeOrigin + performance.getEntriesByName('first-contentful-paint')[0]!.startTime);
    await win.getByLabel('Email', { exact: true }).fill(DEMO_EMAIL);
    await win.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await win.getByRole('button', { name: 'Sign in', exact: true }).click();
    await win.getByText(DEMO_EMAIL).first().waitFor({ timeout: 20_000 });
    const metrics = await app.evaluate(({ app: electronApp }) =>
      electronApp.getAppMetrics().map((m) => m.memory.workingSetSize * 1024),
    );
    // Leave no credential behind in the development keychain entry.
    await win.evaluate(async () => {
      const api = (window as unknown as { deepcurrent: Record<string, (r: unknown) => Promise<{ ok: boolean; value?: { accounts: { id: string }[] } }>> }).deepcurrent;
      const state = await api.getState!({});
      for (const account of state.value?.accounts ?? []) await api.signOut!({ accountId: account.id });
    });
    return { firstPaintMs: paintedAt - launchedAt, rssBytes: metrics.reduce((a, b) => a + b, 0), processes: metrics.length };
  } finally {
    await app.close().catch(() => undefined);
    rmSync(userData, { recursive: true, force: true });
  }
}

/** Launches the app `runs` times and reports the medians, or why it was not measured. */
export async function measureElectronStart(runs: number): Promise<Figure[]> {
  const notMeasured = (why: string): Figure[] => [
    { id: 'electronFirstPaint', label: 'Electron start (launch to first paint)', value: `not measured (${why})`, budget: '—', status: 'not measured' },
    { id: 'electronRss', label: 'Electron RSS after sign-in (all processes)', value: `not measured (${why})`, budget: '—', status: 'not measured' },
  ];
  const binary = electronBinary();
  if (!binary) return notMeasured('no Electron binary on this machine');
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return notMeasured('no display: set DISPLAY, e.g. run under xvfb-run');
  }
  if (buildIsStale()) await buildApp();
  const results: ElectronRun[] = [];
  for (let i = 0; i < runs; i += 1) results.push(await oneRun(binary));
  const paint = results.map((r) => r.firstPaintMs);
  const rss = results.map((r) => r.rssBytes);
  return [
    {
      id: 'electronFirstPaint',
      label: `Electron start (launch to first paint, median of ${runs})`,
      value: ms(median(paint)),
      budget: '—',
      status: 'info',
      data: { firstPaintMs: summarise(paint, 1) },
    },
    {
      id: 'electronRss',
      label: 'Electron RSS after sign-in (all processes)',
      value: mb(median(rss)),
      budget: '—',
      status: 'info',
      data: { rssBytes: summarise(rss, 0), processes: results.map((r) => r.processes) },
    },
  ];
}
