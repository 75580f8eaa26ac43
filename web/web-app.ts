/**
 * start:web: the same app where Electron cannot start. Hosts the main-process services (built by the same
 * `bootstrapServices`, with the settings in conf and a memory clipboard) behind a 127.0.0.1-only HTTP bridge, and
 * serves the built renderer with the app's CSP. Every IPC call goes through the same router (channel → zod
 * validation → service) as in Electron, guarded by a random one-time token, a `Host` check against DNS rebinding,
 * an `Origin` check, a JSON content type and a body cap. Payloads are never logged (they can hold passwords).
 * Never part of a packaged build.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { bootstrapServices, type AppServices } from '../src-main/app';
import { createAppLog, logsFolderIn } from '../src-main/platform/log-file';
import { openNodeLogFile } from '../src-main/platform/node-log-file';
import { openSettingsFile } from '../src-main/platform/settings-file';
import { MemoryClipboard } from '../src-main/platform/memory-clipboard';
import type { LocalEmulatorControls } from '../src-main/platform/ports';
import { RecordingNotifier } from '../src-main/platform/recording-notifier';
import { buildContentSecurityPolicy, newStyleNonce, securityHeaders } from '../src-main/shell/security';
import { demoSignIns } from '../emulator/embedded';
import { startEmulator, type EmulatorOptions } from '../emulator/server';
import { BRIDGE_TOKEN_HEADER, bridgeScript } from './bridge-script';
import { ensureRendererBuilt, RENDERER_DIR } from './build-renderer';
import {
  BodyTooLargeError,
  hostAllowed,
  isJsonContentType,
  newBridgeToken,
  originAllowed,
  readCappedBody,
  sendError,
  sendJson,
  singleHeader,
  tokenMatches,
} from './http-guards';
import { readStaticFile } from './static-files';

/** The keychain service name of the web preview (apart from the app's development and packaged names). */
const WEB_KEYCHAIN_SERVICE = 'DeepCurrent Desktop (web preview)';

/** Where the web preview keeps its settings unless told otherwise. */
function defaultDataDir(): string {
  return process.env.DEEPCURRENT_DATA_DIR || join(homedir(), '.config', 'deepcurrent-desktop-web');
}

export interface WebAppOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Settings folder; default `$DEEPCURRENT_DATA_DIR` or `~/.config/deepcurrent-desktop-web`. */
  dataDir?: string;
  /** The built renderer; default `out/renderer`. */
  rendererDir?: string;
  /** `if-missing` (default) builds the app when the renderer is missing; `always` rebuilds; `never` does not. */
  build?: 'if-missing' | 'always' | 'never';
  /** Options of the in-process emulator, or false to start none (the Local environment is then unavailable). */
  emulator?: Omit<EmulatorOptions, 'port' | 'host'> | false;
  /**
   * Use this URL as the Local environment instead of starting an emulator (not closed by `close()`). Such an
   * emulator is not the preview's own: the sign-in form shows no demo sign-ins for it and Reset demo data refuses.
   */
  emulatorUrl?: string;
  /** Force the in-memory secret store instead of the OS keychain. */
  noKeychain?: boolean;
  /** Keychain service name; default {@link WEB_KEYCHAIN_SERVICE}. */
  keychainService?: string;
  /** Test only: enables `GET /__test/clipboard` (token-guarded). Never on by default. */
  testHooks?: boolean;
  /**
   * Where else to log (startup, refusals), besides the log file `<dataDir>/logs/main.log`; never given a payload,
   * and secrets are scrubbed before any line is written.
   */
  log?: (message: string) => void;
}

/** A running web preview. */
export interface WebApp {
  /** The URL to open, with the one-time token in the fragment: `http://127.0.0.1:<port>/#token=…`. */
  url: string;
  /** The origin, `http://127.0.0.1:<port>`. */
  origin: string;
  port: number;
  token: string;
  /** The Local environment's URL, or null without an emulator. */
  emulatorUrl: string | null;
  services: AppServices;
  /** The memory clipboard the services write to. */
  clipboard: MemoryClipboard;
  /** The notices main asked to show (the preview has no system notifications: the page shows its own). */
  notifier: RecordingNotifier;
  /** Where the settings file is. */
  dataDir: string;
  /** The log file's folder, `<dataDir>/logs`. */
  logsFolder: string;
  /** Stops the server, disposes the services (clears the clipboard), closes an owned emulator. Idempotent. */
  close(): Promise<void>;
}

const REFUSED = {
  token: 'Request refused: open the preview with the link it printed (the one-time token is missing or wrong).',
  host: 'Request refused: the preview only answers to 127.0.0.1.',
  origin: 'Request refused: the request came from another site.',
  type: 'Request refused: the body must be JSON (content-type: application/json).',
  size: 'Request refused: the request is too large.',
  json: 'The request was not valid JSON.',
} as const;

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Starts the web preview: builds the renderer if needed, the emulator, the services and the bridge server. */
export async function startWebApp(options: WebAppOptions = {}): Promise<WebApp> {
  const dataDir = options.dataDir ?? defaultDataDir();
  const logsFolder = logsFolderIn(dataDir);
  const log = createAppLog(openNodeLogFile({ folder: logsFolder }), options.log);
  const rendererDir = options.rendererDir ?? RENDERER_DIR;
  if (options.build !== 'never' && !options.rendererDir) {
    await ensureRendererBuilt({ force: options.build === 'always', log });
  }

  let emulatorUrl: string | null = options.emulatorUrl ?? null;
  let closeEmulator: (() => Promise<void>) | null = null;
  // Only an emulator of its own is offered with its demo sign-ins and reset (like the banner's demo sign-ins).
  let localEmulator: LocalEmulatorControls | null = null;
  if (!emulatorUrl && options.emulator !== false) {
    // Like the app's Local environment: its state persists beside the settings, so accounts survive a restart.
    const stateFile = join(dataDir, 'local-emulator.json');
    const emulator = await startEmulator({ quiet: true, stateFile, log, ...(options.emulator ?? {}), port: 0 });
    emulatorUrl = emulator.url;
    closeEmulator = emulator.close;
    localEmulator = { demoSignIns: demoSignIns(), reset: () => emulator.reset() };
  }

  const clipboard = new MemoryClipboard();
  const notifier = new RecordingNotifier({ onShow: (notice) => log(`[web] notice for the page: ${notice.title}`) });
  let services: AppServices;
  try {
    const settings = await openSettingsFile({ dir: dataDir, flavour: 'conf' });
    services = await bootstrapServices({
      keychainService: options.keychainService ?? WEB_KEYCHAIN_SERVICE,
      kv: settings.kv,
      kvNotices: settings.notices,
      clipboard,
      notifier,
      localEmulatorUrl: emulatorUrl,
      localEmulator,
      log,
      logsFolder,
      // The browser preview cannot show a folder dialog: its one collection is in its data folder.
      collectionsFolder: join(dataDir, 'collections'),
      disableKeychain: options.noKeychain ?? false,
    });
  } catch (err) {
    await closeEmulator?.();
    throw err;
  }

  const token = newBridgeToken();
  const pageHeaders = securityHeaders(buildContentSecurityPolicy());
  const script = Buffer.from(bridgeScript(), 'utf8');
  let port = 0;

  async function handleIpc(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendError(res, 405, { kind: 'invalid-input', message: 'Use POST.' });
    }
    if (!originAllowed(req, port)) return sendError(res, 403, { kind: 'invalid-input', message: REFUSED.origin });
    if (!tokenMatches(singleHeader(req, BRIDGE_TOKEN_HEADER), token)) {
      return sendError(res, 403, { kind: 'invalid-input', message: REFUSED.token });
    }
    if (!isJsonContentType(req)) return sendError(res, 415, { kind: 'invalid-input', message: REFUSED.type });
    let body: Buffer;
    try {
      body = await readCappedBody(req);
    } catch (err) {
      if (err instanceof BodyTooLargeError) return sendError(res, 413, { kind: 'invalid-input', message: REFUSED.size });
      return sendError(res, 400, { kind: 'invalid-input', message: REFUSED.json });
    }
    let payload: unknown;
    try {
      payload = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      return sendError(res, 400, { kind: 'invalid-input', message: REFUSED.json });
    }
    const result = await services.router.callChannel(channel, payload);
    sendJson(res, 200, result);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req, port)) return sendError(res, 403, { kind: 'invalid-input', message: REFUSED.host });
    const path = (req.url ?? '/').split('?')[0]!;
    if (path.startsWith('/__ipc/')) {
      let channel: string;
      try {
        channel = decodeURIComponent(path.slice('/__ipc/'.length));
      } catch {
        return sendError(res, 404, { kind: 'invalid-input', message: 'Unknown request.' });
      }
      return handleIpc(req, res, channel);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendError(res, 405, { kind: 'invalid-input', message: 'Use GET.' });
    }
    if (path === '/__test/clipboard' && options.testHooks) {
      if (!tokenMatches(singleHeader(req, BRIDGE_TOKEN_HEADER), token)) {
        return sendError(res, 403, { kind: 'invalid-input', message: REFUSED.token });
      }
      return sendJson(res, 200, { ok: true, value: { text: await clipboard.readText() } });
    }
    // The page gets a fresh style nonce (in its CSP and its text) with every answer.
    const styleNonce = newStyleNonce();
    const file =
      path === '/__bridge.js'
        ? { body: script, contentType: 'text/javascript; charset=utf-8', page: false }
        : await readStaticFile(rendererDir, path, () => services.bootHint(), styleNonce);
    if (!file) {
      res.writeHead(404, { ...pageHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    const headers = file.page ? securityHeaders(buildContentSecurityPolicy({ styleNonce })) : pageHeaders;
    res.writeHead(200, { ...headers, 'Content-Type': file.contentType, 'Content-Length': file.body.length });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      log('[web] a request failed');
      if (!res.headersSent) sendError(res, 500, { kind: 'internal', message: 'The preview server failed.' });
      else res.destroy();
    });
  });
  server.requestTimeout = 120_000;
  try {
    port = await listen(server, options.port ?? 0);
  } catch (err) {
    await services.dispose();
    await closeEmulator?.();
    throw err;
  }

  const origin = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await services.dispose();
      await closeEmulator?.();
    })();
    return closing;
  };

  return { url: `${origin}/#token=${token}`, origin, port, token, emulatorUrl, services, clipboard, notifier, dataDir, logsFolder, close };
}
