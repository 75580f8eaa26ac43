/**
 * The DeepCurrent API emulator: a real HTTP server implementing the whole v1 contract
 * (`/work/shared/deepcurrent-api.md`), or in the `minimal` flavour a server in the field (see `flavour.ts`), over
 * in-memory state that can be kept in a file. Start it with {@link startEmulator}. It answers only
 * requests addressed to itself (`Host` a loopback name with its port; else `421`), so a web page cannot drive it
 * through DNS rebinding.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve as resolvePath } from 'node:path';
import { DEMO_ACCOUNTS, INACTIVE_DEMO_ACCOUNT, type DemoAccount } from './demo-accounts';
import { FaultController } from './faults';
import type { FlavourName } from './flavour';
import { flavourNamed } from './flavours';
import { hostHeaderAllowed, LOOPBACK_HOST_NAMES } from './host-check';
import { HttpError, readBody, sendError, sendJson, type Reply } from './http-util';
import { Router } from './router';
import { registerDebugRoutes } from './routes/debug';
import { EmulatorState, type StateConfig } from './state';
import { StateFile } from './state-file';

export type { DemoAccount } from './demo-accounts';
export type { FlavourName } from './flavour';

/** How to run an emulator instance. */
export interface EmulatorOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Loopback address to listen on (default 127.0.0.1); non-loopback addresses are refused. */
  host?: string;
  /** Access-token lifetime in seconds (default 1800). */
  tokenTtlSeconds?: number;
  /** Pending regeneration requests issue themselves after this many seconds (default null = off). */
  autoIssueAfterSeconds?: number | null;
  /** Enables `/__faults`, `/api/v1/__echo` and `/api/v1/__bytes` (see `faults.ts`). Default false. */
  enableFaults?: boolean;
  /** No request log on stdout. */
  quiet?: boolean;
  /** The clock (ms since the epoch); inject one in tests to move time without sleeping. Default `Date.now`. */
  now?: () => number;
  /** scrypt cost N for password hashes (default 16384); tests may use e.g. 1024. */
  scryptCost?: number;
  /** The kind of server to be (default `deepcurrent`, the contract; `minimal`: a server in the field). */
  flavour?: FlavourName;
  /**
   * The HS256 secret that signs access tokens (non-empty text). Tokens signed with another secret are refused. Default:
   * the state file's secret, else a random one per start (and per {@link RunningEmulator.reset}).
   */
  signingSecret?: string;
  /**
   * A JSON file that keeps the state (users, keys, regeneration requests, items, signing secret) across starts: read
   * at start (created when absent; an unusable file is set aside and logged, and the state starts afresh) and
   * rewritten atomically, mode 0600, after every change. Default: none, the state lives in memory only.
   */
  stateFile?: string;
  /** Where notices about the state file go (default `console.error`); the request log is separate (`quiet`). */
  log?: (message: string) => void;
}

/** A started emulator. */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:8787` (no trailing slash). */
  url: string;
  port: number;
  /** Stops listening and closes every connection (keep-alive and stalled ones too). Idempotent. */
  close(): Promise<void>;
  /** Test helper: the three active demo accounts. */
  demoAccounts: DemoAccount[];
  /** Test helper: the seeded inactive account (`inactive@deepcurrent.test`). */
  inactiveAccount: DemoAccount;
  /** Test helper: marks an account active or inactive; throws for an unknown email. */
  setUserActive(email: string, active: boolean): void;
  /** The kind of server this is. */
  flavour: FlavourName;
  /** The state file's absolute path, or null when the state lives in memory only. */
  stateFile: string | null;
  /**
   * Starts the state afresh: demo accounts with new ids and new unrevealed keys, no requests or items, and a new
   * signing secret unless `signingSecret` was given (so earlier tokens stop working). Rewrites the state file.
   */
  reset(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function requestUrl(req: IncomingMessage): URL {
  const raw = req.url ?? '/';
  return raw.startsWith('/') ? new URL(`http://emulator${raw}`) : new URL(raw, 'http://emulator');
}

/** Reads the saved state or builds a fresh one, and saves it at once (creating the file, or failing to start). */
async function openState(config: StateConfig, path: string, flavour: FlavourName, log: (message: string) => void) {
  const { file, snapshot } = await StateFile.open(path, flavour, log);
  const state = snapshot ? EmulatorState.restore(config, snapshot) : await EmulatorState.create(config);
  try {
    await file.write(state.snapshot());
  } catch (err) {
    throw new Error(`cannot write the state file ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { file, state };
}

/**
 * Starts an emulator with fresh state (demo accounts, unrevealed keys), or the state saved in `stateFile`. Several
 * may run in one process.
 */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = opts.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`The emulator listens on loopback only, not on ${host}`);
  const ttl = opts.tokenTtlSeconds ?? 1800;
  if (!(Number.isInteger(ttl) && ttl > 0)) throw new Error('tokenTtlSeconds must be a positive integer');
  const autoIssue = opts.autoIssueAfterSeconds ?? null;
  if (autoIssue !== null && !(autoIssue >= 0)) throw new Error('autoIssueAfterSeconds must be >= 0');

  const flavour = flavourNamed(opts.flavour ?? 'deepcurrent');
  if (opts.signingSecret === '') throw new Error('signingSecret must not be empty');
  const log = opts.log ?? ((message: string) => console.error(message));

  const config: StateConfig = {
    now: opts.now ?? Date.now,
    tokenTtlSeconds: ttl,
    autoIssueAfterSeconds: autoIssue,
    scryptCost: opts.scryptCost,
    ids: flavour.ids,
    signingSecret: opts.signingSecret === undefined ? undefined : new TextEncoder().encode(opts.signingSecret),
  };
  const stateFilePath = opts.stateFile === undefined ? null : resolvePath(opts.stateFile);
  let state: EmulatorState;
  let stateFile: StateFile | null = null;
  if (stateFilePath === null) {
    state = await EmulatorState.create(config);
  } else {
    ({ state, file: stateFile } = await openState(config, stateFilePath, flavour.name, log));
  }
  /** Saves the state when it changed (a no-op in memory); never rejects. */
  const persist = (): Promise<void> => stateFile?.save(state.snapshot()) ?? Promise.resolve();

  const faults = opts.enableFaults ? new FaultController() : null;
  const router = new Router();
  for (const register of flavour.routes) register(router);
  if (faults) registerDebugRoutes(router, faults);

  /** Set once listening; the Host check compares against it. */
  let port = 0;
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = Date.now();
    const url = requestUrl(req);
    if (!opts.quiet) {
      res.on('finish', () => console.log(`${req.method} ${url.pathname} ${res.statusCode} ${Date.now() - started}ms`));
    }
    if (!hostHeaderAllowed(req.headers.host, port, LOOPBACK_HOST_NAMES)) {
      throw new HttpError(421, `Misdirected Request: this server answers only to ${LOOPBACK_HOST_NAMES.join(', ')} on port ${port}`);
    }
    state.autoIssueDue();
    const fault = faults?.take(url.pathname);
    if (faults && fault) {
      faults.apply(fault, req, res);
      return;
    }
    const match = router.match(req.method ?? 'GET', url.pathname);
    if (match.kind === 'not-found') throw new HttpError(404, 'Not Found');
    if (match.kind === 'method-not-allowed') throw new HttpError(405, 'Method Not Allowed', { Allow: match.allow.join(', ') });
    const body = await readBody(req);
    let reply: Reply;
    try {
      reply = await match.handler({ req, res, url, params: match.params, body, state, flavour });
    } finally {
      // Saved before answering, so that a client never sees a change that a restart would undo.
      await persist();
    }
    if ('handled' in reply) return;
    sendJson(res, reply.status, reply.body, reply.headers);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof HttpError) {
        sendError(res, err);
        return;
      }
      // Log only the error itself: never headers or bodies, which may hold credentials.
      console.error(`emulator: internal error on ${req.method} ${(req.url ?? '').split('?')[0]}: ${String(err)}`);
      sendJson(res, 500, { detail: 'Internal Server Error' });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${host === '::1' ? '[::1]' : host}:${port}`;

  let timer: NodeJS.Timeout | null = null;
  if (autoIssue !== null) {
    timer = setInterval(() => {
      state.autoIssueDue();
      void persist();
    }, Math.min(1000, Math.max(50, autoIssue * 500)));
    timer.unref();
  }

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      if (timer) clearInterval(timer);
      faults?.dispose();
      server.close(() => resolve(stateFile?.flush()));
      server.closeAllConnections();
    });
    return closing;
  };

  return {
    url,
    port,
    close,
    demoAccounts: DEMO_ACCOUNTS.map((a) => ({ ...a })),
    inactiveAccount: { ...INACTIVE_DEMO_ACCOUNT },
    setUserActive(email, active) {
      if (!state.setUserActive(email, active)) throw new Error(`No account with email ${email}`);
      void persist();
    },
    flavour: flavour.name,
    stateFile: stateFilePath,
    async reset() {
      state = await EmulatorState.create(config);
      await stateFile?.write(state.snapshot());
    },
  };
}
