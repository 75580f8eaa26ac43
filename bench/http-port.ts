/**
 * The HTTP port's own time: the median of 500 sequential GETs of a 1 KB JSON answer through the Node adapter
 * (src-main/platform/node-http.ts) against a local `node:http` server, after 50 unmeasured warm-up requests. No
 * app, no router, no emulator: what the transport costs per request, for comparing adapters or undici versions.
 * Not part of `npm run bench` and not run by the tests.
 *
 *   node --import tsx bench/http-port.ts [--requests=500]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeHttp } from '../src-main/platform/node-http';
import { median, percentile, round } from './stats';

const requests = Number(process.argv.find((arg) => arg.startsWith('--requests='))?.split('=')[1] ?? 500);
const WARM_UP = 50;

/** About 1 KB of JSON. */
const body = JSON.stringify({ data: Array.from({ length: 26 }, (_, i) => ({ id: i, title: `Item ${i}`, done: i % 2 === 0 })) });

const server = createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/items`;

const http = createNodeHttp();
const samples: number[] = [];
try {
  for (let i = 0; i < WARM_UP + requests; i += 1) {
    const started = performance.now();
    const result = await http.send({ method: 'GET', url, headers: [['Accept', 'application/json']], maxBytes: 10 * 1024 * 1024, signal: AbortSignal.timeout(10_000) });
    const took = performance.now() - started;
    if (!result.ok || result.value.bytes.byteLength !== Buffer.byteLength(body)) {
      throw new Error(`request ${i} failed: ${JSON.stringify(result.ok ? { status: result.value.status } : result.error)}`);
    }
    if (i >= WARM_UP) samples.push(took);
  }
} finally {
  await http.close();
  server.closeAllConnections();
  server.close();
}

console.log(
  `HTTP port (Node adapter, undici ${(await import('undici/package.json', { with: { type: 'json' } })).default.version}): ` +
    `${requests} GETs of ${Buffer.byteLength(body)} B JSON — median ${round(median(samples), 3)} ms, ` +
    `p90 ${round(percentile(samples, 90), 3)} ms`,
);
