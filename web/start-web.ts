/**
 * `npm run start:web`: the CLI of the web preview (see `web-app.ts`). Options:
 *   --port <n>            port on 127.0.0.1 (default 0: a free port)
 *   --data-dir <dir>      settings folder (default $DEEPCURRENT_DATA_DIR or ~/.config/deepcurrent-desktop-web)
 *   --build               rebuild the app first (it is built anyway when out/renderer is missing)
 *   --no-emulator         start no emulator (the Local environment is then unavailable); otherwise the demo
 *                         sign-ins are printed after the URL
 *   --token-ttl <s>       the emulator's access-token lifetime in seconds
 *   --no-keychain         keep secrets in memory for this session instead of the OS keychain
 *   --test-hooks          test only: enable GET /__test/clipboard
 * Stops cleanly on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { buildIsStale, rendererIsBuilt } from './build-renderer';
import { startWebBanner } from './start-web-banner';
import { startWebApp } from './web-app';

const USAGE =
  'Usage: npm run start:web -- [--port N] [--data-dir DIR] [--build] [--no-emulator] [--token-ttl S] [--no-keychain] [--test-hooks]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        build: { type: 'boolean', default: false },
        'no-emulator': { type: 'boolean', default: false },
        'token-ttl': { type: 'string' },
        'no-keychain': { type: 'boolean', default: false },
        'test-hooks': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be a whole number from 0 to 65535.');
  const ttl = values['token-ttl'] === undefined ? undefined : Number(values['token-ttl']);
  if (ttl !== undefined && !(Number.isInteger(ttl) && ttl > 0)) fail('--token-ttl must be a positive whole number.');

  if (!values.build && rendererIsBuilt() && buildIsStale()) {
    console.error('Note: out/renderer is older than the sources; run with --build to rebuild it.');
  }
  const app = await startWebApp({
    port,
    dataDir: values['data-dir'],
    build: values.build ? 'always' : 'if-missing',
    emulator: values['no-emulator'] ? false : { tokenTtlSeconds: ttl },
    noKeychain: values['no-keychain'],
    testHooks: values['test-hooks'],
    log: (message) => console.error(message),
  });
  // This CLI never passes startWebApp an outside emulatorUrl, so an emulator URL here is the one it started.
  const banner = startWebBanner({ url: app.url, startedEmulatorUrl: app.emulatorUrl, dataDir: app.dataDir });
  console.log(banner.join('\n'));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the web preview.`);
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`The web preview could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
