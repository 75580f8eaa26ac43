/**
 * Memory (run as its own process: `node --expose-gc --import tsx bench/memory.ts <emulatorUrl> <requests>
 * [--no-keychain]`): the main-process services, signed in as the app would be, send N requests whose responses are
 * 1 MB (`/api/v1/__bytes`, JSON content type) through the full router path, and the V8 heap is compared after a
 * forced GC with the heap at the start (also after a forced GC). The emulator runs in another process, so this
 * process's heap is the services' alone. Prints one JSON line with the numbers.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { startAppSession } from './app-session';

/** What the memory child reports. */
export interface MemoryReport {
  requests: number;
  ok: number;
  bytesReceived: number;
  keychain: 'os' | 'memory';
  heapStart: number;
  heapEnd: number;
  heapPeak: number;
  externalStart: number;
  externalEnd: number;
  arrayBuffersStart: number;
  arrayBuffersEnd: number;
  rssStart: number;
  rssEnd: number;
  rssPeak: number;
  seconds: number;
}

/** The size of each response. */
export const RESPONSE_BYTES = 1024 * 1024;

async function settledMemory(): Promise<NodeJS.MemoryUsage> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('Run with node --expose-gc.');
  for (let i = 0; i < 4; i += 1) {
    gc();
    await sleep(50);
  }
  return process.memoryUsage();
}

async function main(): Promise<void> {
  const [emulatorUrl, countText, ...flags] = process.argv.slice(2);
  const requests = Number(countText);
  if (!emulatorUrl || !Number.isInteger(requests) || requests <= 0) throw new Error('usage: memory.ts <emulatorUrl> <requests> [--no-keychain]');
  const session = await startAppSession({ emulatorUrl, noKeychain: flags.includes('--no-keychain') });
  const path = `/api/v1/__bytes?size=${RESPONSE_BYTES}&type=application/json`;
  // A few requests first, so lazily created things (undici's pool, compiled code) are in the starting heap.
  for (let i = 0; i < 5; i += 1) await session.send({ path });
  await sleep(400); // lets the history write of the warm-up happen
  const start = await settledMemory();
  let heapPeak = start.heapUsed;
  let rssPeak = start.rss;
  let ok = 0;
  let bytesReceived = 0;
  const started = performance.now();
  for (let i = 0; i < requests; i += 1) {
    const result = await session.send({ path });
    if (result.ok && result.value.status === 200) {
      ok += 1;
      bytesReceived += result.value.sizeBytes;
    }
    if (i % 50 === 0) {
      const now = process.memoryUsage();
      heapPeak = Math.max(heapPeak, now.heapUsed);
      rssPeak = Math.max(rssPeak, now.rss);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  await sleep(400); // the history batch is written out, as it would be in the app
  const end = await settledMemory();
  await session.close();
  const report: MemoryReport = {
    requests,
    ok,
    bytesReceived,
    keychain: session.keychain,
    heapStart: start.heapUsed,
    heapEnd: end.heapUsed,
    heapPeak,
    externalStart: start.external,
    externalEnd: end.external,
    arrayBuffersStart: start.arrayBuffers,
    arrayBuffersEnd: end.arrayBuffers,
    rssStart: start.rss,
    rssEnd: end.rss,
    rssPeak,
    seconds,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
