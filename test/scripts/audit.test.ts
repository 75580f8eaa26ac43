/**
 * `npm run audit` (scripts/audit.mjs) in a child process over this project's lockfile, with the registry pointed at
 * loopback: a closed port (the "could not run" branch) and a stand-in audit endpoint (the branch that ran).
 * No network, and npm writes no log or cache outside a temporary folder.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'dc-audit-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function audit(registry: string): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'audit.mjs')], {
      cwd: ROOT,
      env: {
        ...process.env,
        npm_config_registry: registry,
        npm_config_cache: join(scratch, 'cache'),
        npm_config_logs_max: '0',
        npm_config_fetch_retries: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** A stand-in registry whose bulk advisory endpoint answers `advisories`; every other path is 404. */
async function fakeRegistry(advisories: object): Promise<{ url: string; server: Server }> {
  const server = createHttpServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/-/npm/v1/security/advisories/bulk') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(advisories));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, server };
}

describe('npm run audit', () => {
  it('says in one line that the audit could not run, and exits 3, when the endpoint cannot be reached', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as { port: number };
    await new Promise((r) => probe.close(r));

    const run = await audit(`http://127.0.0.1:${port}/`);

    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `npm run audit: the audit could not run: the registry's audit endpoint http://127.0.0.1:${port}/-/npm/v1/security/advisories/bulk ` +
        `could not be reached (connect ECONNREFUSED 127.0.0.1:${port}); no result (exit 3).\n`,
    );
    expect(run.stderr).not.toMatch(/vulnerabilit/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('reports both audits and exits 0 when the endpoint answers with no advisories', async () => {
    const registry = await fakeRegistry({});
    try {
      const run = await audit(registry.url);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(
        'npm audit --omit=dev (what ships in the app): 0 vulnerabilities\n' +
          'npm audit (everything, with the build and test tools): 0 vulnerabilities\n',
      );
    } finally {
      registry.server.close();
    }
  });

  it('lists an advisory and exits 1 when the endpoint reports one', async () => {
    const advisory = { id: 1, url: 'https://example.test/GHSA-1', title: 'Stand-in advisory', severity: 'high', vulnerable_versions: '<999.0.0', cwe: [], cvss: {} };
    const registry = await fakeRegistry({ zod: [advisory] });
    try {
      const run = await audit(registry.url);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('npm audit --omit=dev (what ships in the app): 1 vulnerability (1 high)\n');
      expect(run.stdout).toContain('  zod (high): Stand-in advisory https://example.test/GHSA-1; no fix available\n');
    } finally {
      registry.server.close();
    }
  });
});
