/**
 * Request overhead: what the app adds to a tester request over the transport's own time. For each body of
 * {@link BENCH_BODIES} (1 KB and 1 MB of JSON), two sides are timed one by one, interleaved, the order alternating
 * so that neither side always runs on a warmer process:
 *
 *   port  the HTTP port's own `send` (`services.context.http`, src-main/platform/node-http.ts) of the very request
 *         the app sends: the same method, URL, headers and `Authorization: Bearer <API key>`, the same size cap; the
 *         body read to its end.
 *   app   `router.call('sendRequest', …)` (validation, pinning to the environment, the credential from the account
 *         session, the runner over the same port, shaping the answer, history), then the IPC copy: the request and
 *         the Result through V8's serializer and back, as Electron's IPC carries them (the copy between processes
 *         itself is Electron's and is not measured here).
 *
 * The figure is the difference of the two medians, against the budget (≤ 3 ms for 1 KB, ≤ 25 ms for 1 MB). The
 * median of the paired differences, this process's CPU time per request on each side and the IPC copy's own median
 * are in results.json. The emulator runs in this process, so its work is in both sides' times alike.
 */
import { deserialize, serialize } from 'node:v8';
import type { Result } from '../src-shared/errors';
import { MAX_BODY_BYTES, type SentRequest } from '../src-shared/tester';
import { prepareRequest } from '../src-main/tester/tester-request';
import type { HttpRequest } from '../src-main/platform/http';
import { composedRequest, type AppSession } from './app-session';
import { BENCH_BODIES, serveBenchBodies, type BenchBody } from './json-bodies';
import { median, ms, round, summarise, withinBudget, type Figure } from './stats';

/** How many requests each body gets (1 MB takes longer, so fewer). */
export interface OverheadOptions {
  requests: number;
  warmup: number;
  /** Requests of the 1 MB body (and its warm-up, a fifth of it). */
  largeRequests: number;
}

/** One side's sender: answers the status and the body's size, or throws saying what failed. */
type Side = () => Promise<{ status: number; bytes: number }>;

/** The HTTP port's own send of the request the app would send for `path` (built once, sent as often as asked). */
export function portSide(session: AppSession, path: string): Side {
  const prepared = prepareRequest(session.emulatorUrl, composedRequest({ path }));
  if (!prepared.ok) throw new Error(`prepareRequest failed: ${prepared.error.message}`);
  const { method, url, headers, body } = prepared.value;
  const request: Omit<HttpRequest, 'signal'> = {
    method,
    url,
    headers: [...headers, ['Authorization', `Bearer ${session.apiKey}`]],
    body,
    maxBytes: MAX_BODY_BYTES,
  };
  return async () => {
    const result = await session.services.context.http.send({ ...request, signal: new AbortController().signal });
    if (!result.ok) throw new Error(`the HTTP port failed: ${JSON.stringify(result.error)}`);
    return { status: result.value.status, bytes: result.value.bytes.byteLength };
  };
}

/** The request and the Result through V8's serializer and back, as Electron's IPC copies them; answers the copy. */
export function ipcCopy<T>(payload: unknown, result: T): T {
  deserialize(serialize(payload));
  return deserialize(serialize(result)) as T;
}

/** The full path through the router plus the IPC copy; `copyMs` collects the copy's own time. */
export function appSide(session: AppSession, path: string, copyMs: number[] = [], bodyKinds = new Set<string>()): Side {
  let n = 0;
  return async () => {
    const payload = { requestId: `overhead-${++n}`, request: composedRequest({ path }), draftAccountId: session.accountId };
    const result = (await session.services.router.call('sendRequest', payload)) as Result<SentRequest>;
    const copyStarted = performance.now();
    const copied = ipcCopy(payload, result);
    copyMs.push(performance.now() - copyStarted);
    if (!copied.ok) throw new Error(`sendRequest failed: ${copied.error.kind}: ${copied.error.message}`);
    const { outcome } = copied.value;
    if (!outcome.ok) throw new Error(`sendRequest failed: ${outcome.error.kind}: ${outcome.error.message}`);
    bodyKinds.add(outcome.response.bodyKind);
    return { status: outcome.response.status, bytes: outcome.response.sizeBytes };
  };
}

/** Times the two sides for one body, interleaved; the figure compares their medians with the body's budget. */
async function measureBody(session: AppSession, body: BenchBody, requests: number, warmup: number): Promise<Figure> {
  const copyMs: number[] = [];
  const bodyKinds = new Set<string>();
  const sides = { port: portSide(session, body.path), app: appSide(session, body.path, copyMs, bodyKinds) };
  const wrong: string[] = [];
  const check = (side: string, answer: { status: number; bytes: number }) => {
    if (answer.status !== 200 || answer.bytes !== body.bytes) wrong.push(`${side}: ${answer.status}, ${answer.bytes} bytes`);
  };
  for (let i = 0; i < warmup; i += 1) {
    check('port', await sides.port());
    check('app', await sides.app());
  }
  copyMs.length = 0;
  const samples = { port: [] as number[], app: [] as number[] };
  const cpu = { port: 0, app: 0 };
  for (let i = 0; i < requests; i += 1) {
    for (const side of i % 2 === 0 ? (['app', 'port'] as const) : (['port', 'app'] as const)) {
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const answer = await sides[side]();
      samples[side].push(performance.now() - started);
      const used = process.cpuUsage(cpuBefore);
      cpu[side] += used.user + used.system;
      check(side, answer);
    }
  }
  const appMedian = median(samples.app);
  const portMedian = median(samples.port);
  const difference = appMedian - portMedian;
  const paired = median(samples.app.map((t, i) => t - samples.port[i]!));
  const cpuDifferenceMs = (cpu.app - cpu.port) / requests / 1000;
  const allOk = wrong.length === 0 && bodyKinds.size === 1 && bodyKinds.has('json');
  const sign = difference >= 0 ? '+' : '−';
  return {
    id: `requestOverhead.${body.id}`,
    label: `Request overhead, ${body.label} (${requests} interleaved, app − HTTP port)`,
    value: `${sign}${ms(Math.abs(difference))} (${ms(appMedian)} vs ${ms(portMedian)}; CPU ${cpuDifferenceMs >= 0 ? '+' : '−'}${ms(Math.abs(cpuDifferenceMs))})`,
    budget: `≤ +${body.budgetMs} ms`,
    status: allOk ? withinBudget(difference, body.budgetMs) : 'failed',
    data: {
      bodyBytes: body.bytes,
      path: body.path,
      differenceMs: round(difference, 3),
      budgetMs: body.budgetMs,
      pairedDifferenceMedianMs: round(paired, 3),
      appMs: summarise(samples.app),
      portMs: summarise(samples.port),
      ipcCopyMs: summarise(copyMs),
      cpuMsPerRequest: { app: round(cpu.app / requests / 1000, 3), port: round(cpu.port / requests / 1000, 3) },
      keychain: session.keychain,
      keychainReadsSoFar: session.keychainReads(),
    },
    note: allOk
      ? undefined
      : `Not every answer was the ${body.bytes}-byte JSON with status 200 (shown as ${[...bodyKinds].join(', ') || 'nothing'}): ${[...new Set(wrong)].slice(0, 4).join('; ')}`,
  };
}

/** Serves the bench bodies on the session's emulator and measures the overhead for each. */
export async function measureRequestOverhead(session: AppSession, options: OverheadOptions): Promise<Figure[]> {
  await serveBenchBodies(session.emulatorUrl);
  const figures: Figure[] = [];
  for (const body of BENCH_BODIES) {
    const large = body.bytes > 100_000;
    const requests = large ? options.largeRequests : options.requests;
    figures.push(await measureBody(session, body, requests, large ? Math.max(5, Math.round(requests / 5)) : options.warmup));
  }
  return figures;
}

/** Whether a request-overhead figure is over its budget (the run then profiles where the time goes). */
export function overheadOverBudget(figures: Figure[]): boolean {
  return figures.some((f) => f.id.startsWith('requestOverhead.') && f.status === 'over budget');
}
