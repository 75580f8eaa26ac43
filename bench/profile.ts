/**
 * Where the request overhead goes, when it is over budget (or with `--profile`): for each bench body, the layer
 * timings on the benchmark's session and a CPU profile of both paths (app and HTTP port) against an emulator in
 * another process (a new session, since an API key is revealed once per emulator); and the step costs. The
 * `.cpuprofile` files are kept in the system's temporary folder (`deepcurrent-bench-profiles/`), for Chrome DevTools.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAppSession, type AppSession } from './app-session';
import { startEmulatorProcess } from './emulator-process';
import { BENCH_BODIES, serveBenchBodies } from './json-bodies';
import { measureOverheadLayers, type LayerCost } from './overhead-layers';
import { profileRequestPaths, type RequestProfile } from './profile-requests';
import { measureStepCosts, type StepCost } from './step-costs';

/** Everything the profile step found. */
export interface OverheadProfile {
  /** The layer timings of each bench body, by its id. */
  layers: Record<string, LayerCost[]>;
  steps: StepCost[];
  /** One CPU profile per bench body (empty when it failed: see `cpuError`). */
  cpu: RequestProfile[];
  cpuError?: string;
  profilesDir: string;
}

/** Where the CPU profiles are written. */
export const PROFILES_DIR = join(tmpdir(), 'deepcurrent-bench-profiles');

/** Profiles the overhead; `rounds` and `cpuRequests` are for the 1 KB body (a large body gets fewer). */
export async function profileOverhead(session: AppSession, options: { rounds: number; cpuRequests: number; noKeychain: boolean }): Promise<OverheadProfile> {
  const scaled = (count: number, bytes: number) => Math.max(20, Math.round(count * Math.min(1, 100_000 / bytes)));
  await serveBenchBodies(session.emulatorUrl);
  const layers: Record<string, LayerCost[]> = {};
  for (const body of BENCH_BODIES) layers[body.id] = await measureOverheadLayers(session, body.path, scaled(options.rounds, body.bytes));
  const steps = await measureStepCosts(session);
  mkdirSync(PROFILES_DIR, { recursive: true });
  const cpu: RequestProfile[] = [];
  let cpuError: string | undefined;
  const emulator = await startEmulatorProcess();
  try {
    await serveBenchBodies(emulator.url);
    const other = await startAppSession({ emulatorUrl: emulator.url, noKeychain: options.noKeychain });
    try {
      for (const body of BENCH_BODIES) cpu.push(await profileRequestPaths(other, body, scaled(options.cpuRequests, body.bytes), PROFILES_DIR));
    } finally {
      await other.close();
    }
  } catch (err) {
    cpuError = err instanceof Error ? err.message : String(err);
  } finally {
    await emulator.stop();
  }
  return { layers, steps, cpu, cpuError, profilesDir: PROFILES_DIR };
}

/** The profile as printable lines. */
export function describeProfile(p: OverheadProfile): string[] {
  const lines = ['Where the request overhead goes (medians, µs per request):'];
  for (const body of BENCH_BODIES) {
    lines.push(`  layers, ${body.label} (each row adds to the one above, measured round-robin):`);
    for (const l of p.layers[body.id] ?? []) lines.push(`    ${l.layer.padEnd(14)} ${String(l.medianUs).padStart(8)} µs  ${l.addsUs >= 0 ? '+' : ''}${l.addsUs} µs`);
  }
  lines.push('  synchronous steps in isolation (CPU, hot):');
  for (const s of p.steps) lines.push(`    ${s.step.padEnd(40)} ${String(s.us).padStart(8)} µs`);
  for (const c of p.cpu) {
    lines.push(`  CPU profile, ${c.body} (emulator in another process): app path ${c.appBusyUsPerRequest} µs vs HTTP port ${c.portBusyUsPerRequest} µs busy per request; largest additions:`);
    for (const place of c.places.slice(0, 8)) lines.push(`    ${place.place.padEnd(40)} +${place.diffUs} µs (${place.appUs} vs ${place.portUs})`);
    const steps = c.steps.filter((s) => s.us > 0).map((s) => `${s.step} ${s.us}`).join(', ');
    lines.push(`    inclusive CPU per request (app side): ${steps}`);
  }
  if (p.cpu.length > 0) lines.push(`  profiles: ${p.profilesDir}/{app-path,http-port}-<body>.cpuprofile`);
  if (p.cpuError) lines.push(`  CPU profile failed: ${p.cpuError}`);
  return lines;
}
