/**
 * The memory figure: starts the emulator in its own process, runs `bench/memory.ts` in a child Node with
 * `--expose-gc` against it, and turns its report into the table's row (heap growth after a forced GC, against
 * the 40 MB budget; external memory, RSS and the peak heap beside it).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './build';
import { startEmulatorProcess } from './emulator-process';
import type { MemoryReport } from './memory';
import { mb, round, withinBudget, type Figure } from './stats';

/** The budget of the heap growth. */
export const HEAP_GROWTH_BUDGET_BYTES = 40 * 1024 * 1024;

function runChild(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(ROOT, 'bench', 'memory.ts'), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err = (err + c.toString('utf8')).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`bench/memory.ts exited with ${code}: ${err.trim()}`))));
  });
}

/** Runs the memory measurement with `requests` 1 MB responses. */
export async function measureMemory(requests: number, noKeychain: boolean): Promise<Figure[]> {
  const emulator = await startEmulatorProcess();
  let report: MemoryReport;
  try {
    const out = await runChild([emulator.url, String(requests), ...(noKeychain ? ['--no-keychain'] : [])]);
    report = JSON.parse(out.trim().split('\n').pop()!) as MemoryReport;
  } finally {
    await emulator.stop();
  }
  const growth = report.heapEnd - report.heapStart;
  const external = report.externalEnd - report.externalStart;
  const allOk = report.ok === report.requests;
  return [
    {
      id: 'memoryHeapGrowth',
      label: `Main-process heap growth (${report.requests} × 1 MB responses, after GC)`,
      value: `${mb(growth)} (${mb(report.heapStart)} → ${mb(report.heapEnd)}; peak ${mb(report.heapPeak)})`,
      budget: `≤ ${mb(HEAP_GROWTH_BUDGET_BYTES)}`,
      status: allOk ? withinBudget(growth, HEAP_GROWTH_BUDGET_BYTES) : 'failed',
      data: {
        heapGrowthBytes: growth,
        externalGrowthBytes: external,
        rssStartBytes: report.rssStart,
        rssEndBytes: report.rssEnd,
        rssPeakBytes: report.rssPeak,
        ...report,
        seconds: round(report.seconds, 1),
      },
      note: allOk ? undefined : `${report.requests - report.ok} of ${report.requests} requests did not answer 200.`,
    },
  ];
}
