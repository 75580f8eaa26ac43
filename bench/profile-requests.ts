/**
 * Where the request overhead goes: the V8 CPU profiler (through `node:inspector`, in this process) records N
 * requests of one bench body through the full main-process path (with the IPC copy) and then N sends of the same
 * request through the HTTP port alone, against an emulator in ANOTHER process (so no sample is the emulator's).
 * The per-request CPU time of each place (app file, package, Node internal) on both sides, and the difference,
 * show what the app path adds; inclusive times of the handler's steps show which step costs it.
 */
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import type { AppSession } from './app-session';
import { summariseProfile, type ProfileShare } from './cpu-profile';
import type { BenchBody } from './json-bodies';
import { appSide, portSide } from './request-overhead';

/** The app functions whose inclusive time is reported (names as V8 records them). */
export const PROFILED_STEPS = [
  'call', // the router (validation and the handler)
  'safeParse',
  'sendRequest',
  'environmentOf',
  'prepareRequest',
  'credentialFor',
  'timeoutMsOf',
  'runRequest',
  'sendWithFetch',
  'readAnswer',
  'shapeResponse',
  'add', // HistoryStore.add
  'historyEntryFrom',
  'flush', // HistoryStore.flush (the settings-file write)
  'fetch',
  'ipcCopy',
];

/** One place's CPU time per request on each side. */
export interface PlaceCost {
  place: string;
  appUs: number;
  portUs: number;
  diffUs: number;
}

export interface RequestProfile {
  /** Which bench body (`json1kb`…). */
  body: string;
  requests: number;
  appBusyUsPerRequest: number;
  portBusyUsPerRequest: number;
  /** Places sorted by what the app path adds, largest first. */
  places: PlaceCost[];
  /** Inclusive CPU time per request of the handler's steps (app side). */
  steps: Array<{ step: string; us: number }>;
}

async function profiled(session: Session, file: string, work: () => Promise<void>): Promise<void> {
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  await work();
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
}

/** Profiles `requests` app-path requests of `body` and as many port sends; writes the two `.cpuprofile`s to `dir`. */
export async function profileRequestPaths(app: AppSession, body: BenchBody, requests: number, dir: string): Promise<RequestProfile> {
  const appSend = appSide(app, body.path);
  const portSend = portSide(app, body.path);
  for (let i = 0; i < Math.min(100, requests); i += 1) {
    await appSend();
    await portSend();
  }
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  const appFile = `${dir}/app-path-${body.id}.cpuprofile`;
  const portFile = `${dir}/http-port-${body.id}.cpuprofile`;
  try {
    await profiled(session, appFile, async () => {
      for (let i = 0; i < requests; i += 1) await appSend();
    });
    await profiled(session, portFile, async () => {
      for (let i = 0; i < requests; i += 1) await portSend();
    });
  } finally {
    await session.post('Profiler.disable');
    session.disconnect();
  }
  const appSummary = summariseProfile(appFile, PROFILED_STEPS, 1000);
  const portSummary = summariseProfile(portFile, PROFILED_STEPS, 1000);
  const perRequest = (list: ProfileShare[]) => new Map(list.map((s) => [s.name, (s.ms * 1000) / requests]));
  const a = perRequest(appSummary.byPlace);
  const p = perRequest(portSummary.byPlace);
  const places = [...new Set([...a.keys(), ...p.keys()])]
    .map((place) => {
      const appUs = a.get(place) ?? 0;
      const portUs = p.get(place) ?? 0;
      return { place, appUs: Math.round(appUs), portUs: Math.round(portUs), diffUs: Math.round(appUs - portUs) };
    })
    .sort((x, y) => y.diffUs - x.diffUs);
  return {
    body: body.id,
    requests,
    appBusyUsPerRequest: Math.round((appSummary.busyMs * 1000) / requests),
    portBusyUsPerRequest: Math.round((portSummary.busyMs * 1000) / requests),
    places,
    steps: appSummary.functions.map((s) => ({ step: s.name, us: Math.round((s.ms * 1000) / requests) })),
  };
}
