import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCliOptions } from '../../emulator/cli-options';
import { api, login, loginRaw } from './helpers';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LISTENING = /^DeepCurrent emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/m;

function runCli(args: string[]): { child: ChildProcessWithoutNullStreams; out: () => string; err: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', ...args], { cwd: ROOT });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exit };
}

async function waitFor(predicate: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('emulator CLI', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('prints the listening line and accounts, serves, and exits 0 on %s', async (signal) => {
    const cli = runCli(['--port', '0', '--quiet']);
    try {
      await waitFor(() => LISTENING.test(cli.out()) && cli.out().includes('support@deepcurrent.test'));
      const lines = cli.out().split('\n');
      const url = LISTENING.exec(lines[0]!)![1]!;
      expect(Number(LISTENING.exec(lines[0]!)![2])).toBeGreaterThan(0);
      for (const email of ['ada@deepcurrent.test', 'free@deepcurrent.test', 'support@deepcurrent.test']) {
        const line = lines.find((l) => l.includes(email))!;
        expect(line).toMatch(/plan=(pro|free)/);
        expect(line).toMatch(/role=(member|support)/);
        expect(line).toContain('deepcurrent-demo');
      }
      const health = await fetch(`${url}/api/v1/utils/health-check/`);
      expect(await health.json()).toBe(true);
      if (signal === 'SIGTERM') {
        // The CLI hashes with the real scrypt cost.
        expect((await loginRaw(url, 'ada@deepcurrent.test')).status).toBe(200);
      }
      cli.child.kill(signal);
      expect(await cli.exit).toBe(0);
      expect(cli.err()).toBe('');
    } finally {
      if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    }
  });

  it.each([
    [['--bogus'], /unknown option '--bogus'/],
    [['--port', 'abc'], /--port expects an integer/],
    [['--port', '70000'], /--port/],
    [['--port'], /--port needs a value/],
    [['--token-ttl', '0'], /--token-ttl/],
    [['--auto-issue-after', 'soon'], /--auto-issue-after/],
    [['--flavour', 'deluxe'], /option --flavour expects deepcurrent or minimal, got 'deluxe'/],
    [['--state-file'], /option --state-file needs a value/],
    [['--signing-secret='], /option --signing-secret needs a value/],
    [['--port', '--quiet'], /option --port needs a value/],
    [['--quiet=yes'], /option --quiet takes no value/],
    [['stray'], /unexpected argument 'stray'/],
  ])('rejects %j with exit code 2 and a one-line message', async (args, message) => {
    const cli = runCli(args);
    expect(await cli.exit).toBe(2);
    expect(cli.err()).toMatch(message);
    expect(cli.err()).toMatch(/^emulator: [^\n]+\n$/);
    expect(cli.out()).toBe('');
  });

  it('serves the minimal flavour with a signing secret and a state file from its flags', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dc-emulator-cli-'));
    const stateFile = join(dir, 'state.json');
    const cli = runCli(['--port', '0', '--quiet', '--flavour=minimal', '--signing-secret', 'cli secret', '--state-file', stateFile]);
    try {
      await waitFor(() => LISTENING.test(cli.out()) && cli.out().includes('State kept in'));
      const url = LISTENING.exec(cli.out())![1]!;
      expect(cli.out()).toContain('Flavour: minimal');
      expect(cli.out()).toContain(`State kept in ${stateFile}`);
      const token = await login(url, 'ada@deepcurrent.test');
      expect(Object.keys((await api(url, '/api/v1/users/me', { cred: token })).body)).toEqual(['email', 'is_active', 'is_superuser', 'full_name', 'id']);
      const saved = JSON.parse(await readFile(stateFile, 'utf8'));
      expect(saved.flavour).toBe('minimal');
      expect(Buffer.from(saved.state.signingSecret, 'base64url').toString('utf8')).toBe('cli secret');
      cli.child.kill('SIGTERM');
      expect(await cli.exit).toBe(0);
      expect(cli.err()).toBe('');
    } finally {
      if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('emulator command-line options', () => {
  it('maps every flag to an emulator option, with port 8787 by default', () => {
    expect(parseCliOptions([])).toEqual({ emulator: { port: 8787 }, help: false });
    expect(
      parseCliOptions([
        '--port=0', '--token-ttl', '60', '--auto-issue-after', '0.5', '--faults', '--quiet',
        '--flavour', 'minimal', '--signing-secret', 's3cret', '--state-file', 'data/state.json',
      ]),
    ).toEqual({
      emulator: {
        port: 0, tokenTtlSeconds: 60, autoIssueAfterSeconds: 0.5, enableFaults: true, quiet: true,
        flavour: 'minimal', signingSecret: 's3cret', stateFile: 'data/state.json',
      },
      help: false,
    });
    expect(parseCliOptions(['--flavour', 'deepcurrent']).emulator.flavour).toBe('deepcurrent');
    expect(parseCliOptions(['-h']).help).toBe(true);
  });
});
