/**
 * Request overhead: `GET /api/v1/users/me` through the full main-process path (router → zod validation → tester
 * handler → credential from the vault → request runner → response shaping → history) against a plain `fetch` of
 * the same URL with the same `Authorization` header, on the same emulator, interleaved one by one (the order
 * alternates, so neither side always runs on a warmer process). The figure is the ratio of the medians; the ratio
 * of this process's CPU time per side is reported beside it (it holds better when other processes compete). The
 * session is restarted first, so the vault starts cold and its keychain reads can be counted.
 */
import { BENCH_PATH, type AppSession } from './app-session';
import { median, ms, round, summarise, withinBudget, type Figure } from './stats';

/** The budget of the ratio of medians (full path / plain fetch). */
export const OVERHEAD_RATIO_BUDGET = 1.15;

/** A plain `fetch` of a URL with the API key, reading the body as text; answers the status. */
export async function plainFetch(url: string, apiKey: string): Promise<number> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${apiKey}` } });
  await response.text();
  return response.status;
}

/** Sends one request through the router; answers the status, or throws with the error kind. */
export async function appRequest(session: AppSession, path = BENCH_PATH): Promise<number> {
  const result = await session.send({ path });
  if (!result.ok) throw new Error(`sendRequest failed: ${result.error.kind}`);
  return result.value.status;
}

export interface OverheadOptions {
  requests: number;
  warmup: number;
  /** Extra requests with the session token, to show its keychain read is once per session too. */
  tokenRequests: number;
}

/** Runs the interleaved comparison and the keychain read count. */
export async function measureRequestOverhead(session: AppSession, options: OverheadOptions): Promise<Figure[]> {
  await session.restart();
  const url = `${session.emulatorUrl}${BENCH_PATH}`;
  for (let i = 0; i < options.warmup; i += 1) {
    await appRequest(session);
    await plainFetch(url, session.apiKey);
  }
  const app: number[] = [];
  const plain: number[] = [];
  // CPU time of this process per side (user + system, µs), summed: less sensitive than wall time to other
  // processes competing for the CPUs (the in-process emulator's work is on both sides).
  const cpu = { app: 0, fetch: 0 };
  const statuses = new Map<string, number>();
  const note = (side: string, status: number) => statuses.set(`${side} ${status}`, (statuses.get(`${side} ${status}`) ?? 0) + 1);
  for (let i = 0; i < options.requests; i += 1) {
    const order = i % 2 === 0 ? (['app', 'fetch'] as const) : (['fetch', 'app'] as const);
    for (const side of order) {
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const status = side === 'app' ? await appRequest(session) : await plainFetch(url, session.apiKey);
      const took = performance.now() - started;
      const used = process.cpuUsage(cpuBefore);
      cpu[side] += used.user + used.system;
      (side === 'app' ? app : plain).push(took);
      note(side, status);
    }
  }
  const apiKeyReads = session.keychainReads();
  let tokenOk = 0;
  for (let i = 0; i < options.tokenRequests; i += 1) {
    const r = await session.send({ auth: 'token' });
    if (r.ok && r.value.status === 200) tokenOk += 1;
  }
  const totalReads = session.keychainReads();
  const tokenReads = totalReads - apiKeyReads;
  const totalRequests = options.warmup + options.requests + options.tokenRequests;

  const appMedian = median(app);
  const plainMedian = median(plain);
  const ratio = appMedian / plainMedian;
  const cpuRatio = cpu.app / cpu.fetch;
  const allOk = statuses.get(`app 200`) === options.requests && statuses.get(`fetch 200`) === options.requests;
  const expectedReads = options.tokenRequests > 0 ? 2 : 1;
  return [
    {
      id: 'requestOverhead',
      label: `Request overhead (${options.requests} sequential, ratio of medians)`,
      value: `${ratio.toFixed(2)}× (${ms(appMedian)} vs ${ms(plainMedian)}; CPU ${cpuRatio.toFixed(2)}×)`,
      budget: `≤ ${OVERHEAD_RATIO_BUDGET.toFixed(2)}×`,
      status: allOk ? withinBudget(ratio, OVERHEAD_RATIO_BUDGET) : 'failed',
      data: {
        ratio: round(ratio, 3),
        appMs: summarise(app),
        fetchMs: summarise(plain),
        overheadMedianMs: round(appMedian - plainMedian, 3),
        cpuRatio: round(cpuRatio, 3),
        cpuUsPerRequest: { app: round(cpu.app / options.requests, 1), fetch: round(cpu.fetch / options.requests, 1) },
        statuses: Object.fromEntries(statuses),
        keychain: session.keychain,
      },
      note: allOk ? undefined : `Not every request answered 200: ${JSON.stringify(Object.fromEntries(statuses))}`,
    },
    {
      id: 'keychainReads',
      label: `Keychain reads (${session.keychain === 'os' ? 'OS keychain' : 'in-memory fallback'})`,
      value: `${apiKeyReads} api-key + ${tokenReads} token in ${totalRequests} requests`,
      budget: '1 per account and kind',
      status: apiKeyReads === 1 && (options.tokenRequests === 0 || (tokenReads === 1 && tokenOk === options.tokenRequests)) ? 'ok' : 'over budget',
      data: { apiKeyReads, tokenReads, total: totalReads, expected: expectedReads, requests: totalRequests, tokenRequestsOk: tokenOk, keychain: session.keychain },
      note:
        session.keychain === 'memory'
          ? 'No OS keychain answered: the in-memory secret store was used (reads are still counted by the vault).'
          : undefined,
    },
  ];
}
