/**
 * `npm run bench`: measures DeepCurrent Desktop against the speed budgets of issue 6 and prints a table (figure,
 * value, budget, status); writes `bench/results.json`. Not a test: a missed budget is printed as `over budget` and
 * the exit code stays 0, unless `--strict` (then 1). A measurement that could not run at all exits 1.
 *
 *   --quick                fewer repetitions (about a minute and a half)
 *   --strict               exit 1 when a budget is missed
 *   --only=<a,b>           sections: size, start, view, requests, memory, electron, collections
 *   --build-dir=<dir>      measure an existing `electron-vite build --mode package` output instead of building
 *   --no-keychain          keep secrets in memory instead of the OS keychain
 *   --no-keyring-session   on Linux, do not start a private D-Bus session with gnome-keyring
 *   --profile              profile the request overhead even when it is within budget
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { ROOT, productionBuild, type ProductionBuild } from './build';
import { reexecInKeyringSession } from '../scripts/keyring-session.mjs';
import { measureRendererSize } from './renderer-size';
import { measureRendererStart } from './renderer-start';
import { measureResponseView } from './response-view';
import { startAppSession } from './app-session';
import { measureRequestOverhead, overheadOverBudget } from './request-overhead';
import { measureConcurrency } from './concurrency';
import { describeProfile, profileOverhead, type OverheadProfile } from './profile';
import { measureMemory } from './memory-figure';
import { measureElectronStart } from './electron-start';
import { busyMachineWarning, formatTable, machineInfo, writeResults } from './report';
import { measureCollectionOpen } from './collections-open';
import type { Figure } from './stats';

const SECTIONS = ['size', 'start', 'view', 'requests', 'memory', 'electron', 'collections'] as const;
type Section = (typeof SECTIONS)[number];

const args = process.argv.slice(2);
if (args.includes('--help')) {
  const usage = /\/\*\*([\s\S]*?)\*\//.exec(await import('node:fs').then((fs) => fs.readFileSync(fileURLToPath(import.meta.url), 'utf8')))?.[1];
  console.log((usage ?? '').replace(/^ \* ?/gm, '').trim());
  process.exit(0);
}
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const known = new Set(['quick', 'strict', 'no-keychain', 'no-keyring-session', 'profile', 'only', 'build-dir', 'help']);
const unknown = args.filter((a) => !known.has(a.replace(/^--/, '').split('=')[0]!));
if (unknown.length) {
  console.error(`Unknown option(s): ${unknown.join(' ')} (see --help)`);
  process.exit(2);
}
const only = option('only')?.split(',') as Section[] | undefined;
if (only?.some((s) => !SECTIONS.includes(s))) {
  console.error(`--only takes: ${SECTIONS.join(', ')}`);
  process.exit(2);
}
const noKeychain = flag('no-keychain');
if (!noKeychain && !flag('no-keyring-session')) reexecInKeyringSession(fileURLToPath(import.meta.url), args, { label: 'bench' });

const quick = flag('quick');
const plan = quick
  ? { loads: 5, answers: 5, requests: 100, largeRequests: 40, warmup: 20, rounds: 3, memoryRequests: 200, electronRuns: 1, layerRounds: 150, cpuRequests: 500, collectionRounds: 5 }
  : { loads: 20, answers: 15, requests: 500, largeRequests: 200, warmup: 50, rounds: 7, memoryRequests: 2000, electronRuns: 5, layerRounds: 500, cpuRequests: 2000, collectionRounds: 15 };
const wanted = (s: Section) => !only || only.includes(s);
/** When each step began, with the load average then (for reading a noisy run afterwards). */
const timeline: Array<{ step: string; atSeconds: number; loadAverage1m: number }> = [];
const log = (message: string) => {
  timeline.push({ step: message, atSeconds: Math.round((performance.now() - started) / 100) / 10, loadAverage1m: Math.round(loadavg()[0]! * 100) / 100 });
  process.stderr.write(`[bench] ${message}\n`);
};
const errorFigure = (id: string, label: string, err: unknown): Figure => ({
  id,
  label,
  value: 'not measured',
  budget: '—',
  status: 'error',
  note: `The measurement failed: ${(err instanceof Error ? err.message : String(err)).split('\n').slice(0, 6).join(' ')}`,
});

const started = performance.now();
const machine = machineInfo();
const figures: Figure[] = [];
let profile: OverheadProfile | undefined;

let build: ProductionBuild | null = null;
if (wanted('size') || wanted('start') || wanted('view')) {
  try {
    log(option('build-dir') ? `using the build in ${option('build-dir')}` : 'building the renderer for production (electron-vite build --mode package)…');
    build = await productionBuild(option('build-dir'));
  } catch (err) {
    figures.push(errorFigure('rendererBuild', 'Production renderer build', err));
  }
}
try {
  if (build && wanted('size')) {
    log('renderer size…');
    try {
      figures.push(...measureRendererSize(build.rendererDir));
    } catch (err) {
      figures.push(errorFigure('rendererInitialJs', 'Renderer initial JS (min+gzip)', err));
    }
  }
  if (build && wanted('start')) {
    log(`renderer start: ${plan.loads} cold loads in Chromium…`);
    try {
      figures.push(...(await measureRendererStart({ rendererDir: build.rendererDir, loads: plan.loads, noKeychain })));
    } catch (err) {
      figures.push(errorFigure('rendererStart', 'Renderer start (Chromium, start:web)', err));
    }
  }
  if (build && wanted('view')) {
    log(`response view: ${plan.answers} answers of 5 MB JSON in Chromium, then scrolling…`);
    try {
      figures.push(...(await measureResponseView({ rendererDir: build.rendererDir, answers: plan.answers })));
    } catch (err) {
      figures.push(errorFigure('responseViewFirstScreen', 'Response view, 5 MB JSON (Chromium, start:web)', err));
    }
  }
} finally {
  build?.cleanup();
}

if (wanted('requests')) {
  try {
    log('requests: signing in through the router (password, then the revealed API key)…');
    const session = await startAppSession({ noKeychain });
    try {
      log(`request overhead: ${plan.requests} × 1 KB and ${plan.largeRequests} × 1 MB JSON, the app interleaved with the HTTP port…`);
      const overhead = await measureRequestOverhead(session, plan);
      figures.push(...overhead);
      log(`concurrency: ${plan.rounds} rounds of 50 in flight…`);
      figures.push(...(await measureConcurrency(session, { inFlight: 50, rounds: plan.rounds })));
      if (flag('profile') || overheadOverBudget(overhead)) {
        log('profiling the request overhead (layers, steps, CPU profile)…');
        profile = await profileOverhead(session, { rounds: plan.layerRounds, cpuRequests: plan.cpuRequests, noKeychain });
      }
    } finally {
      await session.close();
    }
  } catch (err) {
    figures.push(errorFigure('requestOverhead', 'Request overhead (app − HTTP port)', err));
  }
}

if (wanted('memory')) {
  log(`memory: ${plan.memoryRequests} requests with 1 MB responses in a child process…`);
  try {
    figures.push(...(await measureMemory(plan.memoryRequests, noKeychain)));
  } catch (err) {
    figures.push(errorFigure('memoryHeapGrowth', 'Main-process heap growth', err));
  }
}

if (wanted('collections')) {
  log(`collections: opening a collection of 500 requests, ${plan.collectionRounds} times in main and in Chromium…`);
  try {
    figures.push(...(await measureCollectionOpen(plan.collectionRounds)));
  } catch (err) {
    figures.push(errorFigure('collectionOpenMain', 'Open a collection of 500 requests', err));
  }
}

if (wanted('electron')) {
  log('Electron start…');
  try {
    figures.push(...(await measureElectronStart(plan.electronRuns)));
  } catch (err) {
    figures.push(errorFigure('electronFirstPaint', 'Electron start', err));
  }
}

machine.loadAverageAtEnd = loadavg().map((n) => Math.round(n * 100) / 100);
const seconds = Math.round((performance.now() - started) / 100) / 10;
const resultsPath = join(ROOT, 'bench', 'results.json');
writeResults(resultsPath, {
  machine,
  options: { quick, strict: flag('strict'), only: only ?? [...SECTIONS], keychainSession: process.env.DEEPCURRENT_KEYRING_SESSION === '1', seconds, plan },
  timeline,
  figures,
  profile,
});

console.log('');
console.log(`DeepCurrent Desktop benchmark${quick ? ' (--quick)' : ''}: ${machine.cpus} CPUs, Node ${machine.node}, ${machine.date}, ${seconds} s`);
console.log(formatTable(figures));
const warning = busyMachineWarning(machine);
if (warning) console.log(`\n${warning}`);
if (profile) console.log(`\n${describeProfile(profile).join('\n')}`);
console.log(`\nWrote ${resultsPath}`);

const over = figures.filter((f) => f.status === 'over budget' || f.status === 'failed');
const errors = figures.filter((f) => f.status === 'error');
if (over.length) console.log(`${over.length} figure(s) over budget or failed: ${over.map((f) => f.id).join(', ')}${flag('strict') ? ' (--strict: exit 1)' : ''}`);
process.exit(errors.length > 0 || (flag('strict') && over.length > 0) ? 1 : 0);
