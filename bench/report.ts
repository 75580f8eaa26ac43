/**
 * The benchmark's output: the printed table (figure, value, budget, status, with notes under it) and
 * `bench/results.json` (machine, options, every figure with the medians behind it, and the profile when made).
 */
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import type { Figure, FigureStatus } from './stats';

/** What the machine was, and how busy it was while measuring. */
export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  totalMemoryBytes: number;
  freeMemoryBytesAtStart: number;
  platform: string;
  arch: string;
  node: string;
  date: string;
  loadAverageAtStart: number[];
  loadAverageAtEnd?: number[];
}

/** Describes this machine now. */
export function machineInfo(): MachineInfo {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    totalMemoryBytes: totalmem(),
    freeMemoryBytesAtStart: freemem(),
    platform: process.platform,
    arch: process.arch,
    node: process.version,
    date: new Date().toISOString(),
    loadAverageAtStart: loadavg().map((n) => Math.round(n * 100) / 100),
  };
}

const STATUS_TEXT: Record<FigureStatus, string> = {
  ok: 'ok',
  'over budget': '✗ over budget',
  info: 'info',
  'not measured': 'not measured',
  failed: '✗ FAILED',
  error: '✗ ERROR (not measured)',
};

/** The table as text. */
export function formatTable(figures: Figure[]): string {
  const rows = [['Figure', 'Value', 'Budget', 'Status'], ...figures.map((f) => [f.label, f.value, f.budget, STATUS_TEXT[f.status]])];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  const out = [line(rows[0]!), rule, ...rows.slice(1).map(line)];
  const notes = figures.filter((f) => f.note).map((f) => `- ${f.label}: ${f.note}`);
  if (notes.length) out.push('', 'Notes:', ...notes);
  return out.join('\n');
}

/**
 * A warning when other work competed for the CPUs (absolute times are then inflated). Judged on the load average
 * at the start, before the benchmark's own processes (Chromium, emulators, children) count in it.
 */
export function busyMachineWarning(machine: MachineInfo): string | null {
  const load = machine.loadAverageAtStart[0] ?? 0;
  if (load <= machine.cpus / 2) return null;
  return (
    `Warning: the machine was busy when the run started (1-minute load average ${load.toFixed(1)} on ${machine.cpus} CPUs). ` +
    'Absolute times (renderer start, Electron start) are inflated, and so are the request-overhead differences: with the ' +
    'CPUs oversubscribed, the path that uses more CPU per request is preempted more often. The CPU-time difference beside them holds better.'
  );
}

/** Writes results.json. */
export function writeResults(
  path: string,
  results: { machine: MachineInfo; options: Record<string, unknown>; timeline: unknown[]; figures: Figure[]; profile?: unknown },
): void {
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}
