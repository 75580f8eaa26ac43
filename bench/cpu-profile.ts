/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and says where the time went: self time grouped by where the
 * code lives (an app file, a package, Node's internals such as undici, the garbage collector), and inclusive time
 * of chosen app functions (a function counts once per sample however deep it recurses). Idle time is left out.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** One line of a breakdown: a name and its share of the busy (non-idle) time. */
export interface ProfileShare {
  name: string;
  ms: number;
  percent: number;
}

/** What a profile says: busy time, self time by place, inclusive time of the requested functions. */
export interface ProfileSummary {
  busyMs: number;
  byPlace: ProfileShare[];
  functions: ProfileShare[];
}

/** Where a frame's code lives, as a short name: `src-main/tester/tester-runner.ts`, `zod`, `node:undici`, `(gc)`. */
export function placeOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(garbage collector)') return '(gc)';
    if (functionName === '(program)') return '(program: native, compile)';
    return functionName ? `(native) ${functionName}` : '(native)';
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:internal/deps/')) return `node:${url.split('/')[2]}`;
  if (url.startsWith('node:')) return url.replace(/^node:internal\//, 'node:').split('/').slice(0, 2).join('/');
  const app = /\/(src-main|src-shared|emulator|bench|web)\/(.*)$/.exec(url);
  return app ? `${app[1]}/${app[2]}` : url;
}

/** Summarises a profile file; `functions` are app function names whose inclusive time is wanted. */
export function summariseProfile(path: string, functions: string[], top = 14): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>(functions.map((f) => [f, 0]));
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    if (!node || node.callFrame.functionName === '(idle)') return;
    busy += dt;
    const place = placeOf(node.callFrame);
    self.set(place, (self.get(place) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const name = byId.get(cur)!.callFrame.functionName;
      if (inclusive.has(name) && !seen.has(name)) {
        seen.add(name);
        inclusive.set(name, inclusive.get(name)! + dt);
      }
    }
  });
  const share = ([name, msValue]: [string, number]): ProfileShare => ({
    name,
    ms: Math.round(msValue * 10) / 10,
    percent: busy > 0 ? Math.round((msValue / busy) * 1000) / 10 : 0,
  });
  return {
    busyMs: Math.round(busy),
    byPlace: [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(share),
    functions: [...inclusive.entries()].map(share),
  };
}
