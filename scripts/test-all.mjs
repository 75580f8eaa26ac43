#!/usr/bin/env node
/**
 * `npm test`: typecheck, lint, unit and integration tests (vitest), end-to-end tests (Playwright in Debian's
 * Chromium through start:web), and the security scans. On Linux without a Secret Service it first restarts itself
 * inside a private D-Bus session with an unlocked gnome-keyring and a fresh HOME, so the integration tests use a
 * real keychain. Ends with one line `N passed, N failed, N skipped` that sums every test runner.
 *
 * Flags: --skip-e2e, --only=<step,step> (steps: typecheck, lint, vitest, e2e, security).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { reexecInKeyringSession } from './keyring-session.mjs';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const wanted = (step) => (!only || only.includes(step)) && !(step === 'e2e' && args.includes('--skip-e2e'));

// 1. A real keychain for the integration tests: a private D-Bus session with gnome-keyring (the process restarts
// inside it). Always a private session: tests never touch the developer's own keyring.
if (!reexecInKeyringSession(join(root, 'scripts/test-all.mjs'), args, { label: 'test', cwd: root }) && process.platform === 'linux') {
  console.log('note: no dbus-run-session/gnome-keyring-daemon: keychain tests will run against the in-memory fallback or skip.');
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const gates = [];
const resultsDir = mkdtempSync(join(tmpdir(), 'dc-test-results-'));

function run(title, cmd, cmdArgs, extraEnv = {}) {
  console.log(`\n=== ${title} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', cwd: root, env: { ...process.env, ...extraEnv } });
  console.log(`=== ${title}: ${r.status === 0 ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
  return r.status === 0;
}

function gate(title, ok) {
  gates.push({ title, ok });
  if (ok) totals.passed += 1;
  else totals.failed += 1;
}

if (wanted('typecheck')) {
  const node = run('typecheck (main, preload, emulator, tests)', 'npx', ['tsc', '-p', 'tsconfig.node.json', '--noEmit']);
  const web = run('typecheck (renderer)', 'npx', ['tsc', '-p', 'tsconfig.web.json', '--noEmit']);
  gate('typecheck', node && web);
}
if (wanted('lint')) gate('lint', run('lint', 'npx', ['eslint', '.', '--max-warnings=0']));

if (wanted('vitest')) {
  const out = join(resultsDir, 'vitest.json');
  const ok = run('unit and integration tests (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    totals.passed += report.numPassedTests ?? 0;
    totals.failed += (report.numFailedTests ?? 0) + (report.numFailedTestSuites && !report.numFailedTests ? report.numFailedTestSuites : 0);
    totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    if (!ok && !report.numFailedTests && !report.numFailedTestSuites) totals.failed += 1;
  } else if (!ok) totals.failed += 1;
}

if (wanted('e2e')) {
  const out = join(resultsDir, 'playwright.json');
  const ok = run('end-to-end tests (Playwright, Chromium, start:web)', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
  if (existsSync(out)) {
    const stats = JSON.parse(readFileSync(out, 'utf8')).stats ?? {};
    totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
    totals.failed += stats.unexpected ?? 0;
    totals.skipped += stats.skipped ?? 0;
    if (!ok && !stats.unexpected) totals.failed += 1;
  } else if (!ok) totals.failed += 1;
}

if (wanted('security') && existsSync(join(root, 'scripts/security-scan.mjs'))) {
  gate('security scan (electronegativity)', run('security scan (electronegativity)', 'node', ['scripts/security-scan.mjs']));
}

rmSync(resultsDir, { recursive: true, force: true });
console.log('');
for (const g of gates) console.log(`${g.ok ? 'ok    ' : 'FAILED'} ${g.title}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
