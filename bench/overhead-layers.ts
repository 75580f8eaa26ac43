/**
 * The request overhead, layer by layer (timing sections without touching src-main): the same GET is sent by six
 * variants, round-robin one by one so that every variant sees the same machine, from a plain `fetch` up to the
 * full router call. The median of each variant minus the one below it is what that layer costs.
 *
 *   fetch          plain fetch, headers as a plain object, body read with text()
 *   fetch+options  fetch with the runner's options: a Headers object, redirect 'manual', an AbortSignal and a timer
 *   transport      the HTTP port alone (the app's own, src-main/platform/node-http.ts: undici fetch, environment
 *                  proxy agent, capped body), with an AbortSignal and a timer
 *   runRequest     the runner itself (src-main/tester/tester-runner.ts)
 *   handler        the tester's sendRequest handler, called directly (credential, prepare, run, shape, history)
 *   router         router.call('sendRequest'): validation, then the handler (what the renderer's IPC call does)
 */
import { createTesterHandlers } from '../src-main/tester/tester-service';
import { runRequest } from '../src-main/tester/tester-runner';
import { prepareRequest } from '../src-main/tester/tester-request';
import { composedRequest, BENCH_PATH, type AppSession } from './app-session';
import { median } from './stats';

/** The median time of one variant, and what it adds to the variant below it. */
export interface LayerCost {
  layer: string;
  medianUs: number;
  addsUs: number;
}


/** Measures every variant `rounds` times, round-robin. */
export async function measureOverheadLayers(session: AppSession, rounds: number): Promise<LayerCost[]> {
  const url = `${session.emulatorUrl}${BENCH_PATH}`;
  const key = session.apiKey;
  const handlers = createTesterHandlers(session.services.context);
  const prepared = prepareRequest(session.emulatorUrl, composedRequest());
  if (!prepared.ok) throw new Error('prepareRequest failed');
  let n = 0;
  const check = (status: number) => {
    if (status !== 200) throw new Error(`status ${status}`);
  };
  const variants: Array<[string, () => Promise<void>]> = [
    ['fetch', async () => {
      const r = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
      await r.text();
      check(r.status);
    }],
    ['fetch+options', async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 30_000);
      const headers = new Headers();
      headers.set('authorization', `Bearer ${key}`);
      const r = await fetch(url, { method: 'GET', headers, redirect: 'manual', signal: controller.signal });
      await r.text();
      clearTimeout(timer);
      check(r.status);
    }],
    ['transport', async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 30_000);
      const r = await session.services.context.http.send({
        method: 'GET',
        url,
        headers: [['authorization', `Bearer ${key}`]],
        maxBytes: 10 * 1024 * 1024,
        signal: controller.signal,
      });
      clearTimeout(timer);
      check(r.ok ? r.response.status : 0);
    }],
    ['runRequest', async () => {
      const out = await runRequest(session.services.context.http, prepared.value, { credential: key, timeoutMs: 30_000 });
      check(out.ok ? out.response.status : 0);
    }],
    ['handler', async () => {
      const r = await handlers.sendRequest({ requestId: `layer-${++n}`, request: composedRequest() });
      check(r.ok && r.value.outcome.ok ? r.value.outcome.response.status : 0);
    }],
    ['router', async () => {
      const r = await session.send({});
      check(r.ok ? r.value.status : 0);
    }],
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
