/**
 * Where the request overhead goes, when it is over budget (or with `--profile`): the layer timings and the step
 * costs on the benchmark's session, then a CPU profile of both paths against an emulator in another process (a
 * new session, since an API key is revealed once per emulator). The two `.cpuprofile` files are kept in the
 * system's temporary folder (`deepcurrent-bench-profiles/`), for Chrome DevTools.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAppSession, type AppSession } from './app-session';
import { startEmulatorProcess } from './emulator-process';
import { measureOverheadLayers, type LayerCost } from './overhead-layers';
import { profileRequestPaths, type RequestProfile } from './profile-requests';
import { measureStepCosts, type StepCost } from './step-costs';

/** Everything the profile step found. */
export interface OverheadProfile {
  layers: LayerCost[];
  steps: StepCost[];
  cpu: RequestProfile | null;
  cpuError?: string;
  profilesDir: string;
}

/** Where the CPU profiles are written. */
export const PROFILES_DIR = join(tmpdir(), 'deepcurrent-bench-profiles');

export async function profileOverhead(session: AppSession, options: { rounds: number; cpuRequests: number; noKeychain: boolean }): Promise<OverheadProfile> {
  const layers = await measureOverheadLayers(session, options.rounds);
  const steps = await measureStepCosts(session);
  mkdirSync(PROFILES_DIR, { recursive: true });
  let cpu: RequestProfile | null = null;
  let cpuError: string | undefined;
  const emulator = await startEmulatorProcess();
  try {
    const other = await startAppSession({ emulatorUrl: emulator.url, noKeychain: options.noKeychain });
    try {
      cpu = await profileRequestPaths(other, options.cpuRequests, PROFILES_DIR);
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
  lines.push('  layers (each row adds to the one above, measured round-robin):');
  for (const l of p.layers) lines.push(`    ${l.layer.padEnd(14)} ${String(l.medianUs).padStart(6)} µs  ${l.addsUs >= 0 ? '+' : ''}${l.addsUs} µs`);
  lines.push('  synchronous steps in isolation (CPU, hot):');
  for (const s of p.steps) lines.push(`    ${s.step.padEnd(40)} ${String(s.us).padStart(8)} µs`);
  if (p.cpu) {
    lines.push(`  CPU profile (emulator in another process): app path ${p.cpu.appBusyUsPerRequest} µs vs fetch ${p.cpu.fetchBusyUsPerRequest} µs busy per request; largest additions:`);
    for (const c of p.cpu.places.slice(0, 10)) lines.push(`    ${c.place.padEnd(40)} +${c.diffUs} µs (${c.appUs} vs ${c.fetchUs})`);
    const steps = p.cpu.steps.filter((s) => s.us > 0).map((s) => `${s.step} ${s.us}`).join(', ');
    lines.push(`  inclusive CPU per request (app side): ${steps}`);
    lines.push(`  profiles: ${p.profilesDir}/{app-path,plain-fetch}.cpuprofile`);
  } else if (p.cpuError) {
    lines.push(`  CPU profile failed: ${p.cpuError}`);
  }
  return lines;
}
