/**
 * `npm start` (scripts/start.mjs) run in a child process against a stand-in project: a copy of the script, the real
 * `electron` package's install files (so its own install.js and @electron/get run), and a stub `electron-vite`
 * that records that it ran. No network: the download goes to ELECTRON_MIRROR on a closed loopback port.
 */
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MODULES = join(ROOT, 'node_modules');
const FRAME = /^\s+at /m;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A loopback port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/** A project folder with scripts/start.mjs, a stub electron-vite and (unless `electron: false`) electron's files. */
function standIn(options: { electron?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'dc-start-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'scripts'));
  copyFileSync(join(ROOT, 'scripts', 'start.mjs'), join(dir, 'scripts', 'start.mjs'));
  writeFileSync(join(dir, 'package.json'), '{"name":"stand-in","private":true}');
  const vite = join(dir, 'node_modules', 'electron-vite');
  mkdirSync(vite, { recursive: true });
  writeFileSync(join(vite, 'package.json'), '{"name":"electron-vite","bin":{"electron-vite":"bin.js"}}');
  writeFileSync(join(vite, 'bin.js'), `require('fs').writeFileSync(${JSON.stringify(join(dir, 'built'))}, process.argv.slice(2).join(' '));`);
  if (options.electron !== false) {
    const electron = join(dir, 'node_modules', 'electron');
    mkdirSync(electron);
    for (const f of ['package.json', 'install.js', 'index.js', 'cli.js', 'checksums.json']) {
      copyFileSync(join(MODULES, 'electron', f), join(electron, f));
    }
    // install.js requires @electron/get (and, to extract, @electron-internal/extract-zip) from beside it.
    for (const scope of ['@electron', '@electron-internal']) symlinkSync(join(MODULES, scope), join(dir, 'node_modules', scope), 'dir');
  }
  return dir;
}

/** An installed stand-in binary: a Node script that prints its arguments, then exits with $FAKE_EXIT or waits. */
function installFakeBinary(dir: string): void {
  const electron = join(dir, 'node_modules', 'electron');
  mkdirSync(join(electron, 'dist'));
  writeFileSync(join(electron, 'path.txt'), 'electron');
  const app = join(electron, 'dist', 'app.cjs');
  writeFileSync(
    app,
    `console.log('electron args: ' + process.argv.slice(2).join(' '));
if (process.env.FAKE_EXIT) process.exit(Number(process.env.FAKE_EXIT));
setInterval(() => {}, 1000);`,
  );
  writeFileSync(join(electron, 'dist', 'electron'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(app)} "$@"\n`);
  chmodSync(join(electron, 'dist', 'electron'), 0o755);
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function start(dir: string, args: string[], env: Record<string, string>, onStdout?: (text: string, kill: (s: NodeJS.Signals) => void) => void): Promise<Run> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/electron/i.test(k)));
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(dir, 'scripts', 'start.mjs'), ...args], {
      cwd: dir,
      env: { ...clean, electron_config_cache: join(dir, 'cache'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c;
      onStdout?.(stdout, (s) => child.kill(s));
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

describe('npm start without the Electron binary', () => {
  it('tries the download once, then prints four plain lines and exits 3 before building', async () => {
    const dir = standIn();
    const port = await closedPort();
    const run = await start(dir, [], { ELECTRON_MIRROR: `http://127.0.0.1:${port}/` });

    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^Electron 45\.\d+\.\d+ cannot start: its binary \(node_modules\/electron\/dist\) is missing and the download from http:\/\/127\.0\.0\.1:\d+\/ failed \(.+\)\.$/);
    expect(lines[1]).toMatch(/one-time download from the Electron releases on GitHub/);
    expect(lines[2]).toMatch(/^To retry: .*npm start.*ELECTRON_MIRROR=/);
    expect(lines[3]).toBe('To use the app now, without Electron: npm run start:web');
    expect(run.stderr).not.toMatch(FRAME);
    expect(existsSync(join(dir, 'built'))).toBe(false);
    expect(existsSync(join(dir, 'node_modules', 'electron', 'path.txt'))).toBe(false);
  });

  it('says so in the same four lines when the electron package itself is missing', async () => {
    const dir = standIn({ electron: false });
    const run = await start(dir, [], {});

    expect(run.code).toBe(3);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/electron npm package is not installed \(run npm install first\)/);
    expect(lines[3]).toBe('To use the app now, without Electron: npm run start:web');
    expect(run.stderr).not.toMatch(FRAME);
  });
});

describe.skipIf(process.platform === 'win32')('npm start with the Electron binary', () => {
  it('builds, then launches it with . and the extra arguments, and ends with its exit code', async () => {
    const dir = standIn();
    installFakeBinary(dir);
    const run = await start(dir, ['--inspect-nothing', 'x y'], { FAKE_EXIT: '7', ELECTRON_MIRROR: 'http://127.0.0.1:1/' });

    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('electron args: . --inspect-nothing x y\n');
    expect(run.code).toBe(7);
    expect(existsSync(join(dir, 'built'))).toBe(true);
  });

  it('passes SIGTERM on to the app and ends by the same signal', async () => {
    const dir = standIn();
    installFakeBinary(dir);
    const run = await start(dir, [], {}, (text, kill) => {
      if (text.includes('electron args')) kill('SIGTERM');
    });

    expect(run.signal).toBe('SIGTERM');
    expect(run.stderr).toBe('');
  });
});
