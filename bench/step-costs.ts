/**
 * The CPU cost of each synchronous step of the request path, measured in isolation on the inputs of a real
 * request for each bench body (a recorded response, a 200-entry history): validation, preparing the request, the
 * account and settings look-ups, shaping the response, the IPC copy of the result, adding to history, and one
 * history write to the real settings file (amortised over the requests of its one-second batch). Complements the
 * layer timings, which include the awaits between the steps.
 */
import { REQUEST_SCHEMAS } from '../src-shared/ipc-contract';
import { HistoryStore } from '../src-main/tester/history-store';
import { prepareRequest } from '../src-main/tester/tester-request';
import { shapeResponse } from '../src-main/tester/tester-response';
import { runRequest } from '../src-main/tester/tester-runner';
import { readSettings } from '../src-main/accounts/service-context';
import { composedRequest, type AppSession } from './app-session';
import { BENCH_BODIES } from './json-bodies';
import { ipcCopy } from './request-overhead';
import { median } from './stats';

/** One step's median cost per call. */
export interface StepCost {
  step: string;
  us: number;
}


function timeIt(iterations: number, work: (i: number) => unknown): number {
  for (let i = 0; i < Math.min(200, iterations); i += 1) work(i);
  const batches: number[] = [];
  const perBatch = 50;
  for (let b = 0; b < Math.ceil(iterations / perBatch); b += 1) {
    const started = performance.now();
    for (let i = 0; i < perBatch; i += 1) work(b * perBatch + i);
    batches.push((performance.now() - started) / perBatch);
  }
  return Math.round(median(batches) * 1000 * 10) / 10;
}

/** Measures the steps (needs a signed-in session for the account, the settings file and real responses). */
export async function measureStepCosts(session: AppSession, iterations = 2000): Promise<StepCost[]> {
  const ctx = session.services.context;
  const payload = { requestId: 'step-1', request: composedRequest(), draftAccountId: session.accountId };
  const history = new HistoryStore(ctx.kv, { flushDelayMs: 60_000 });
  const account = { accountId: session.accountId, environment: { kind: 'local' as const } };
  const record = (i: number) => ({ id: `h-${i}`, startedAt: Date.now(), ...account, request: payload.request, status: 200, errorKind: null, durationMs: 1 });
  for (let i = 0; i < 200; i += 1) history.add(record(i));
  const steps: StepCost[] = [
    { step: 'router: zod safeParse(sendRequest)', us: timeIt(iterations, () => REQUEST_SCHEMAS.sendRequest.safeParse(payload)) },
    { step: 'session.active() + readSettings()', us: timeIt(iterations, () => [ctx.session.active(), readSettings(ctx.kv)]) },
    { step: 'prepareRequest', us: timeIt(iterations, () => prepareRequest(session.emulatorUrl, payload.request)) },
    { step: 'crypto.randomUUID', us: timeIt(iterations, () => globalThis.crypto.randomUUID()) },
  ];
  for (const body of BENCH_BODIES) {
    const prepared = prepareRequest(session.emulatorUrl, composedRequest({ path: body.path }));
    if (!prepared.ok) throw new Error('prepareRequest failed');
    const outcome = await runRequest(ctx.http, prepared.value, { credential: session.apiKey, timeoutMs: 30_000 });
    if (!outcome.ok) throw new Error(`runRequest failed: ${outcome.error.kind}`);
    const raw = outcome.response;
    // Fewer rounds for a large body: each one is milliseconds, not microseconds.
    const rounds = Math.max(50, Math.round(iterations * Math.min(1, 10_000 / body.bytes)));
    const shaped = shapeResponse(raw, { historyId: 'h', sentCredential: true, notes: [] });
    steps.push(
      { step: `shapeResponse (${body.label})`, us: timeIt(rounds, () => shapeResponse(raw, { historyId: 'h', sentCredential: true, notes: [] })) },
      { step: `IPC copy of the result (${body.label})`, us: timeIt(rounds, () => ipcCopy(payload, { ok: true, value: shaped })) },
    );
  }
  steps.push(
    { step: 'history.add (200 entries)', us: timeIt(iterations, (i) => history.add(record(i))) },
    { step: 'history write to settings file (each)', us: timeIt(Math.max(50, iterations / 20), () => history.flush()) },
  );
  history.flush();
  return steps;
}
