/**
 * Concurrency: 50 requests in flight at once through the full main-process path, against 50 sends of the same
 * request in flight at once through the HTTP port alone, in alternating rounds. Every request must complete with
 * 200; the figure is the ratio of the median wall times (informational: the budget in issue 6 is that all complete).
 */
import { BENCH_PATH, type AppSession } from './app-session';
import { appSide, portSide } from './request-overhead';
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
  const appSend = appSide(session, BENCH_PATH);
  const portSend = portSide(session, BENCH_PATH);
  const appRequest = async () => (await appSend()).status;
  const portRequest = async () => (await portSend()).status;
  const app: number[] = [];
  const port: number[] = [];
  let appOk = 0;
  let portOk = 0;
  const failures: string[] = [];
  await burst(options.inFlight, appRequest);
  await burst(options.inFlight, portRequest);
  for (let round_ = 0; round_ < options.rounds; round_ += 1) {
    const order = round_ % 2 === 0 ? (['app', 'port'] as const) : (['port', 'app'] as const);
    for (const side of order) {
      const r = await burst(options.inFlight, side === 'app' ? appRequest : portRequest);
      (side === 'app' ? app : port).push(r.wallMs);
      if (side === 'app') appOk += r.ok;
      else portOk += r.ok;
      failures.push(...r.failed.map((f) => `${side}: ${f}`));
    }
  }
  const expected = options.inFlight * options.rounds;
  const ratio = median(app) / median(port);
  const allComplete = appOk === expected && portOk === expected;
  return [
    {
      id: 'concurrency',
      label: `Concurrency (${options.inFlight} in flight, ${options.rounds} rounds)`,
      value: `${appOk}/${expected} ok; ${ms(median(app))} vs ${ms(median(port))} (${ratio.toFixed(2)}×)`,
      budget: 'all complete',
      status: allComplete ? 'ok' : 'failed',
      data: { appWallMs: summarise(app), portWallMs: summarise(port), ratio: round(ratio, 3), appOk, portOk, expected },
      note: allComplete ? undefined : `Failures: ${[...new Set(failures)].slice(0, 5).join('; ')}`,
    },
  ];
}
