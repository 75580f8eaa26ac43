/**
 * The request overhead, layer by layer (timing sections without touching src-main): the same GET of a bench body
 * is sent by five variants, round-robin one by one so that every variant sees the same machine, from the HTTP port
 * alone up to the full router call with the IPC copy. The median of each variant minus the one below it is what
 * that layer costs.
 *
 *   transport   the HTTP port alone (src-main/platform/node-http.ts: undici fetch, environment proxy agent,
 *               capped body): the baseline of the overhead figures
 *   runRequest  the runner itself (src-main/tester/tester-runner.ts: Authorization added, time limit, outcome)
 *   handler     the tester's sendRequest handler, called directly (pinning, credential, run, shape, history)
 *   router      router.call('sendRequest'): validation, then the handler
 *   ipc copy    the router call, then the request and the Result through V8's serializer and back
 */
import { createTesterHandlers } from '../src-main/tester/tester-service';
import { runRequest } from '../src-main/tester/tester-runner';
import { prepareRequest } from '../src-main/tester/tester-request';
import { composedRequest, type AppSession } from './app-session';
import { appSide, portSide } from './request-overhead';
import { median } from './stats';

/** The median time of one variant, and what it adds to the variant below it. */
export interface LayerCost {
  layer: string;
  medianUs: number;
  addsUs: number;
}


/** Measures every variant `rounds` times, round-robin, on the bench body at `path`. */
export async function measureOverheadLayers(session: AppSession, path: string, rounds: number): Promise<LayerCost[]> {
  const handlers = createTesterHandlers(session.services.context);
  const prepared = prepareRequest(session.emulatorUrl, composedRequest({ path }));
  if (!prepared.ok) throw new Error('prepareRequest failed');
  let n = 0;
  const check = (status: number) => {
    if (status !== 200) throw new Error(`status ${status}`);
  };
  const transport = portSide(session, path);
  const full = appSide(session, path);
  const variants: Array<[string, () => Promise<void>]> = [
    ['transport', async () => check((await transport()).status)],
    ['runRequest', async () => {
      const out = await runRequest(session.services.context.http, prepared.value, { credential: session.apiKey, timeoutMs: 30_000 });
      check(out.ok ? out.response.status : 0);
    }],
    ['handler', async () => {
      const r = await handlers.sendRequest({ requestId: `layer-${++n}`, request: composedRequest({ path }), draftAccountId: session.accountId });
      check(r.ok && r.value.outcome.ok ? r.value.outcome.response.status : 0);
    }],
    ['router', async () => {
      const r = await session.send({ path });
      check(r.ok ? r.value.status : 0);
    }],
    ['ipc copy', async () => check((await full()).status)],
  ];
  const samples = new Map<string, number[]>(variants.map(([name]) => [name, []]));
  for (let warm = 0; warm < 30; warm += 1) for (const [, run] of variants) await run();
  for (let i = 0; i < rounds; i += 1) {
    // Rotate the starting variant each round, so no variant always follows the same one.
    for (let j = 0; j < variants.length; j += 1) {
      const [name, run] = variants[(i + j) % variants.length]!;
      const started = performance.now();
      await run();
      samples.get(name)!.push(performance.now() - started);
    }
  }
  handlers.dispose();
  let below = 0;
  return variants.map(([name], index) => {
    const us = median(samples.get(name)!) * 1000;
    const cost = { layer: name, medianUs: Math.round(us), addsUs: index === 0 ? 0 : Math.round(us - below) };
    below = us;
    return cost;
  });
}
