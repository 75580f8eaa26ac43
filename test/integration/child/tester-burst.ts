/**
 * Run as a child process with --expose-gc by tester-burst.test.ts: the full main-process path (router → tester
 * service → emulator over HTTP → history in the real settings file) under a burst of 1,000 sequential requests
 * with 256 KB answers, then 50 concurrent ones. Prints one JSON line of measurements.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../../emulator/server';
import { openSettingsFile } from '../../../src-main/platform/settings-file';
import { MemorySecretStore } from '../../../src-main/platform/memory-secret-store';
import { createAppServices } from '../../../src-main/app';
import { MemoryClipboard } from '../../../src-main/platform/memory-clipboard';
import type { SentRequest } from '../../../src-shared/tester';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const emu = await startEmulator({ port: 0, quiet: true, enableFaults: true });
const dir = mkdtempSync(join(tmpdir(), 'dc-burst-'));
const settings = await openSettingsFile({ dir, flavour: 'conf' });
const services = createAppServices({
  secretStore: new MemorySecretStore(),
  kv: settings.kv,
  clipboard: new MemoryClipboard(),
  localEmulatorUrl: emu.url,
});
const signIn = await services.router.call('signInWithPassword', { email: 'ada@deepcurrent.test', password: 'deepcurrent-demo', environment: { kind: 'local' } });
if (!signIn.ok) throw new Error(signIn.error.message);
const draftAccountId = (signIn.value as { activeAccountId: string }).activeAccountId;

const request = (path: string) => ({ method: 'GET', path, query: [], headers: [], body: { kind: 'none' }, auth: 'token' });
let okCount = 0;
let n = 0;
async function send(path: string) {
  const r = await services.router.call('sendRequest', { requestId: `burst-${(n += 1)}`, request: request(path), draftAccountId });
  const sent = r.ok ? (r.value as SentRequest) : null;
  if (sent?.outcome.ok && sent.outcome.response.status === 200 && sent.historyEntry.status === 200) okCount += 1;
}

gc();
const heapStart = process.memoryUsage().heapUsed;
for (let i = 0; i < 1000; i += 1) await send('/api/v1/__bytes?size=262144&type=application/json');
await Promise.all(Array.from({ length: 50 }, () => send('/api/v1/users/me')));
await services.dispose();
gc();
await new Promise((r) => setTimeout(r, 50));
gc();
const heapEnd = process.memoryUsage().heapUsed;
const history = services.context.kv.get('history');
const historyLength = Array.isArray(history) ? history.length : -1;
const ids = Array.isArray(history) ? new Set(history.map((h: { id: string }) => h.id)).size : -1;
const fileBytes = statSync(settings.path).size;
console.log(JSON.stringify({ okCount, historyLength, uniqueIds: ids, fileBytes, heapGrowthBytes: heapEnd - heapStart }));
await emu.close();
rmSync(dir, { recursive: true, force: true });
