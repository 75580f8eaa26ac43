#!/usr/bin/env node
/**
 * `npm run audit`: `npm audit --omit=dev` (what ships inside the app), then the full `npm audit` (build and test
 * tools too), each summarised from npm's JSON report. Extra arguments go to both (`npm run audit -- --audit-level=high`).
 *
 * Where the registry's audit endpoint does not answer (no network, a registry or proxy without
 * `/-/npm/v1/security/advisories/bulk`, as on the development machine, where it answers 405), `npm audit` fails
 * with exit code 1 — the same code as "vulnerabilities found" — and a log path. This script instead prints one line
 * saying the audit could not run and why, and exits 3: never a stack trace, never "0 vulnerabilities" without a
 * report.
 *
 * Exit codes: 0 both audits ran and found nothing at the audit level; 1 vulnerabilities found (npm audit's own
 * verdict); 3 the audit could not run.
 */
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXIT_CANNOT_RUN = 3;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** npm itself: the npm-cli.js that runs this script when there is one, else `npm` on the PATH. */
function npmCommand() {
  const execPath = process.env.npm_execpath;
  if (execPath && /\.c?js$/.test(execPath)) return { command: process.execPath, prefix: [execPath], shell: false };
  return { command: 'npm', prefix: [], shell: process.platform === 'win32' };
}

/** Runs `npm audit --json` with `args`; resolves to npm's exit code, its parsed JSON (or null) and its stderr. */
function npmAudit(args) {
  const npm = npmCommand();
  return new Promise((done) => {
    const child = spawn(npm.command, [...npm.prefix, 'audit', '--json', ...args], {
      cwd: ROOT,
      shell: npm.shell,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, npm_config_update_notifier: 'false' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', (err) => done({ code: null, json: null, stderr: err.message }));
    child.on('close', (code) => {
      let json = null;
      try {
        json = JSON.parse(stdout);
      } catch {
        // Not JSON: handled as "could not run" below.
      }
      done({ code, json, stderr });
    });
  });
}

/** Why npm audit gave no report, in words, from its JSON error or its stderr. */
function whyNoReport({ code, json, stderr }) {
  const message = String(json?.message ?? json?.error?.summary ?? '').trim();
  let match = /^(\d{3}) (.+?) - [A-Z]+ (\S+)$/.exec(message);
  if (match) return `the registry's audit endpoint ${match[3]} answered ${match[1]} ${match[2]}`;
  match = /^request to (\S+) failed, reason: (.+)$/.exec(message);
  if (match) return `the registry's audit endpoint ${match[1]} could not be reached (${match[2]})`;
  if (message) return message.split('\n')[0];
  const line = stderr
    .split('\n')
    .map((l) => l.replace(/^npm (error|ERR!|warn)\s*/, '').trim())
    .find((l) => l && !l.startsWith('A complete log') && !l.startsWith('at '));
  return line || `npm audit exited with ${code} and no report`;
}

const SEVERITIES = ['critical', 'high', 'moderate', 'low', 'info'];

/** The summary lines of one report. */
function summary(label, report) {
  const counts = report.metadata.vulnerabilities;
  const total = counts.total ?? 0;
  const parts = SEVERITIES.filter((s) => counts[s]).map((s) => `${counts[s]} ${s}`);
  const lines = [`${label}: ${total} ${total === 1 ? 'vulnerability' : 'vulnerabilities'}${parts.length ? ` (${parts.join(', ')})` : ''}`];
  for (const v of Object.values(report.vulnerabilities ?? {})) {
    const advisories = (v.via ?? []).filter((x) => typeof x === 'object').map((x) => `${x.title} ${x.url}`);
    const via = advisories.length ? advisories.join('; ') : `through ${(v.via ?? []).join(', ')}`;
    const fix = v.fixAvailable ? 'fix available (npm audit fix)' : 'no fix available';
    lines.push(`  ${v.name} (${v.severity}): ${via}; ${fix}`);
  }
  return lines;
}

async function main() {
  const extra = process.argv.slice(2);
  const runs = [
    { label: 'npm audit --omit=dev (what ships in the app)', args: ['--omit=dev', ...extra] },
    { label: 'npm audit (everything, with the build and test tools)', args: extra },
  ];
  let found = false;
  for (const { label, args } of runs) {
    const result = await npmAudit(args);
    if (!result.json || typeof result.json.auditReportVersion !== 'number' || !result.json.metadata?.vulnerabilities) {
      process.stderr.write(`npm run audit: the audit could not run: ${whyNoReport(result)}; no result (exit ${EXIT_CANNOT_RUN}).\n`);
      process.exit(EXIT_CANNOT_RUN);
    }
    process.stdout.write(`${summary(label, result.json).join('\n')}\n`);
    if (result.code !== 0) found = true;
  }
  process.exit(found ? 1 : 0);
}

await main();
