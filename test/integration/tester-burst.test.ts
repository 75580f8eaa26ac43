/**
 * Load: a burst of 1,000 sequential tester requests with 256 KB answers and 50 concurrent ones through the whole
 * main-process path all complete; history stays at 200 consistent entries and keeps no response body, so the
 * settings file and the main process's heap stay bounded. Runs in a child process with --expose-gc.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('the request tester under a burst', () => {
  it('completes 1,000 sequential and 50 concurrent requests with bounded history, file and heap', () => {
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/integration/child/tester-burst.ts'], { encoding: 'utf8', timeout: 180_000 });
    expect(r.status, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(m.okCount).toBe(1050);
    expect(m.historyLength).toBe(200);
    expect(m.uniqueIds).toBe(200);
    expect(m.fileBytes).toBeLessThan(1024 * 1024); // no bodies: 200 entries of metadata
    expect(m.heapGrowthBytes).toBeLessThan(40 * 1024 * 1024); // 1,000 × 256 KB went through; none of it is kept
  }, 200_000);
});
