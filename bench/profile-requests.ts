/**
 * Where the request overhead goes: the V8 CPU profiler (through `node:inspector`, in this process) records N
 * requests through the full main-process path and then N plain `fetch` calls, against an emulator in ANOTHER
 * process (so no sample is the emulator's). The per-request CPU time of each place (app file, package, Node
 * internal) on both sides, and the difference, show what the app path adds; inclusive times of the handler's
 * steps show which step costs it.
 */
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { BENCH_PATH, type AppSession } from './app-session';
import { summariseProfile, type ProfileShare } from './cpu-profile';
import { appRequest, plainFetch } from './request-overhead';

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
];

/** One place's CPU time per request on each side. */
export interface PlaceCost {
  place: string;
  appUs: number;
  fetchUs: number;
  diffUs: number;
}

export interface RequestProfile {
  requests: number;
  appBusyUsPerRequest: number;
  fetchBusyUsPerRequest: number;
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

/** Profiles `requests` app-path requests and as many plain fetches; writes the two `.cpuprofile`s to `dir`. */
export async function profileRequestPaths(app: AppSession, requests: number, dir: string): Promise<RequestProfile> {
  const url = `${app.emulatorUrl}${BENCH_PATH}`;
  for (let i = 0; i < 100; i += 1) {
    await appRequest(app);
    await plainFetch(url, app.apiKey);
  }
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  const appFile = `${dir}/app-path.cpuprofile`;
  const fetchFile = `${dir}/plain-fetch.cpuprofile`;
  try {
    await profiled(session, appFile, async () => {
      for (let i = 0; i < requests; i += 1) await appRequest(app);
    });
    await profiled(session, fetchFile, async () => {
      for (let i = 0; i < requests; i += 1) await plainFetch(url, app.apiKey);
    });
  } finally {
    await session.post('Profiler.disable');
    session.disconnect();
  }
  const appSummary = summariseProfile(appFile, PROFILED_STEPS, 1000);
  const fetchSummary = summariseProfile(fetchFile, PROFILED_STEPS, 1000);
  const perRequest = (list: ProfileShare[]) => new Map(list.map((s) => [s.name, (s.ms * 1000) / requests]));
  const a = perRequest(appSummary.byPlace);
  const f = perRequest(fetchSummary.byPlace);
  const places = [...new Set([...a.keys(), ...f.keys()])]
    .map((place) => {
      const appUs = a.get(place) ?? 0;
      const fetchUs = f.get(place) ?? 0;
      return { place, appUs: Math.round(appUs), fetchUs: Math.round(fetchUs), diffUs: Math.round(appUs - fetchUs) };
    })
    .sort((x, y) => y.diffUs - x.diffUs);
  return {
    requests,
    appBusyUsPerRequest: Math.round((appSummary.busyMs * 1000) / requests),
    fetchBusyUsPerRequest: Math.round((fetchSummary.busyMs * 1000) / requests),
    places,
    steps: appSummary.functions.map((s) => ({ step: s.name, us: Math.round((s.ms * 1000) / requests) })),
  };
}
