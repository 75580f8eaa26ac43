#!/usr/bin/env node
/**
 * `npm start`: check that the Electron binary is there, build the app (`electron-vite build`) and launch it.
 *
 * Why: the `electron` npm package (45) has no install script. `npm install` only unpacks its JavaScript; the binary is
 * downloaded at the first `require('electron')` — `node_modules/electron/index.js` sees no `path.txt` (or no
 * `dist/<path.txt>`), runs `install.js` (`@electron/get` from the Electron releases on GitHub, or `ELECTRON_MIRROR`),
 * which writes `dist/` and `path.txt`. The `electron` command (`cli.js`) is what does that `require`, so a plain
 * `electron .` without a reachable download ends in install.js's and cli.js's stack traces.
 *
 * This script does the same check without `require('electron')`, runs the package's own `install.js` once,
 * quietly, when the binary is missing, and when it is still missing prints four plain lines and exits 3 — before
 * anything is built. Otherwise it builds and runs the binary with `.` and the extra arguments
 * (`npm start -- --flag`), forwards SIGINT/SIGTERM/SIGHUP (and SIGUSR2), and ends with the app's exit code, or by
 * the same signal.
 *
 * Exit codes: the app's own; 3 when the Electron binary is missing and could not be downloaded; the build's code
 * when `electron-vite build` fails.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXIT_NO_ELECTRON = 3;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const requireFromRoot = createRequire(join(ROOT, 'package.json'));

/** The installed `electron` package's folder, or null. */
function electronPackageDir() {
  try {
    return dirname(requireFromRoot.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The executable `require('electron')` would return (same rules as its index.js), or null when it is missing. */
function installedBinary(dir) {
  const pathFile = join(dir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return join(override, executable || 'electron');
  if (!executable) return null;
  const binary = join(dir, 'dist', executable);
  return existsSync(binary) ? binary : null;
}

/** Runs the package's own install.js once with its output captured; resolves to null or why it failed. */
function download(dir) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(dir, 'install.js')], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ELECTRON_GET_NO_PROGRESS: '1' },
      windowsHide: true,
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (err) => done(err.message));
    child.on('close', (code, signal) => done(code === 0 ? null : reasonOf(output, code, signal)));
  });
}

/** The first line of install.js's error (its stack's message line), without the frames or the error's class. */
function reasonOf(output, code, signal) {
  const line = output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('at '));
  const reason = line ? line.replace(/^[A-Za-z]*Error(?: \[[A-Z_]+\])?: /, '') : `install.js exited with ${signal ?? code}`;
  return reason.length > 160 ? `${reason.slice(0, 157)}...` : reason;
}

/** The four lines printed when there is no binary to launch: what is missing, where it comes from, retry, start:web. */
function missingLines(first) {
  return [
    first,
    'The binary is a one-time download from the Electron releases on GitHub (github.com/electron/electron/releases), made at the first launch, not by npm install.',
    'To retry: run npm start again where github.com is reachable, or through a mirror: ELECTRON_MIRROR=https://your.mirror/electron/ npm start',
    'To use the app now, without Electron: npm run start:web',
  ];
}

function giveUp(lines) {
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(EXIT_NO_ELECTRON);
}

/** Runs a child with inherited stdio, forwarding termination signals; resolves to its code and signal. */
function run(command, args) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', windowsHide: false });
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', ...(process.platform === 'win32' ? [] : ['SIGUSR2'])];
    const forward = (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    for (const s of signals) process.on(s, forward);
    const finish = (code, signal) => {
      for (const s of signals) process.off(s, forward);
      done({ code, signal });
    };
    child.on('error', (err) => {
      process.stderr.write(`npm start: cannot run ${command}: ${err.message}\n`);
      finish(1, null);
    });
    child.on('exit', finish);
  });
}

/** Ends this process as the child ended: the same exit code, or the same signal. */
function endLike({ code, signal }) {
  if (signal) {
    process.kill(process.pid, signal);
    // Reached only where the signal does not end the process (e.g. Windows).
    process.exit(1);
  }
  process.exit(code ?? 1);
}

async function main() {
  const dir = electronPackageDir();
  if (!dir) {
    giveUp(missingLines('Electron cannot start: the electron npm package is not installed (run npm install first).'));
  }
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  let binary = installedBinary(dir);
  if (!binary) {
    const tty = process.stderr.isTTY;
    if (tty) process.stderr.write(`Downloading the Electron ${version} binary (first launch)...`);
    const failure = await download(dir);
    binary = installedBinary(dir);
    if (tty) process.stderr.write('\r\x1b[2K');
    if (failure || !binary) {
      const where = relative(ROOT, join(dir, 'dist')) || join(dir, 'dist');
      const why = failure ?? 'install.js wrote no binary';
      const source = process.env.ELECTRON_MIRROR || process.env.npm_config_electron_mirror || 'github.com';
      giveUp(missingLines(`Electron ${version} cannot start: its binary (${where}) is missing and the download from ${source} failed (${why}).`));
    }
    process.stderr.write(`Downloaded the Electron ${version} binary.\n`);
  }

  const vitePkg = requireFromRoot.resolve('electron-vite/package.json');
  const viteBin = join(dirname(vitePkg), JSON.parse(readFileSync(vitePkg, 'utf8')).bin['electron-vite']);
  const build = await run(process.execPath, [viteBin, 'build']);
  if (build.signal || build.code !== 0) endLike(build);

  endLike(await run(binary, ['.', ...process.argv.slice(2)]));
}

await main();
