/**
 * Concurrency: 50 requests in flight at once through the full main-process path, against 50 plain `fetch` calls
 * in flight at once, in alternating rounds. Every request must complete with 200; the figure is the ratio of the
 * median wall times (informational: the budget in issue 6 is that all complete).
 */
import { BENCH_PATH, type AppSession } from './app-session';
import { appRequest, plainFetch } from './request-overhead';
import { median, ms, round, summarise, type Figure } from './stats';

export interface ConcurrencyOptions {
  inFlight: number;
  rounds: number;
}

async function burst(count: number, one: () => Promise<number>): Promise<{ wallMs: number; ok: number; failed: string[] }> {
  const started = performance.now();
  const settled = await Promise.allSettled(Array.from({ length: count }, () => one()));
  const wallMs = performance.now() - started;
  const failed: string[] = [];
  let ok = 0;
  for (const s of settled) {
    if (s.status === 'fulfilled' && s.value === 200) ok += 1;
    else failed.push(s.status === 'fulfilled' ? `status ${s.value}` : String(s.reason instanceof Error ? s.reason.message : s.reason));
  }
  return { wallMs, ok, failed };
}

/** Runs the bursts and reports completion and wall times. */
export async function measureConcurrency(session: AppSession, options: ConcurrencyOptions): Promise<Figure[]> {
  const url = `${session.emulatorUrl}${BENCH_PATH}`;
  const app: number[] = [];
  const plain: number[] = [];
  let appOk = 0;
  let plainOk = 0;
  const failures: string[] = [];
  await burst(options.inFlight, () => appRequest(session));
  await burst(options.inFlight, () => plainFetch(url, session.apiKey));
  for (let round_ = 0; round_ < options.rounds; round_ += 1) {
    const order = round_ % 2 === 0 ? (['app', 'fetch'] as const) : (['fetch', 'app'] as const);
    for (const side of order) {
      const r = side === 'app' ? await burst(options.inFlight, () => appRequest(session)) : await burst(options.inFlight, () => plainFetch(url, session.apiKey));
      (side === 'app' ? app : plain).push(r.wallMs);
      if (side === 'app') appOk += r.ok;
      else plainOk += r.ok;
      failures.push(...r.failed.map((f) => `${side}: ${f}`));
    }
  }
  const expected = options.inFlight * options.rounds;
  const ratio = median(app) / median(plain);
  const allComplete = appOk === expected && plainOk === expected;
  return [
    {
      id: 'concurrency',
      label: `Concurrency (${options.inFlight} in flight, ${options.rounds} rounds)`,
      value: `${appOk}/${expected} ok; ${ms(median(app))} vs ${ms(median(plain))} (${ratio.toFixed(2)}×)`,
      budget: 'all complete',
      status: allComplete ? 'ok' : 'failed',
      data: { appWallMs: summarise(app), fetchWallMs: summarise(plain), ratio: round(ratio, 3), appOk, fetchOk: plainOk, expected },
      note: allComplete ? undefined : `Failures: ${[...new Set(failures)].slice(0, 5).join('; ')}`,
    },
  ];
}
