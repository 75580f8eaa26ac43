/**
 * Command line entry: `node --import tsx emulator/cli.ts --port 8787 [--token-ttl <s>] [--auto-issue-after <s>]
 * [--faults] [--quiet]`. Prints `DeepCurrent emulator listening on http://127.0.0.1:<port>` and the demo accounts;
 * bad options exit with code 2, SIGINT/SIGTERM stop it cleanly (exit 0).
 */
import { startEmulator, type EmulatorOptions } from './server';

const USAGE =
  'usage: emulator [--port <0-65535>] [--token-ttl <seconds>] [--auto-issue-after <seconds>] [--faults] [--quiet]';

/** Thrown for unusable command-line options. */
class UsageError extends Error {}

/** Parses the command line into emulator options (default port 8787). */
function parseArgs(argv: string[]): EmulatorOptions & { help?: boolean } {
  const options: EmulatorOptions & { help?: boolean } = { port: 8787 };
  const args = [...argv];
  while (args.length > 0) {
    let arg = args.shift()!;
    let inline: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const value = (): string => {
      const v = inline ?? args.shift();
      if (v === undefined || v === '') throw new UsageError(`option ${arg} needs a value`);
      return v;
    };
    const number = (min: number, max: number, integer: boolean): number => {
      const text = value();
      const n = Number(text);
      if (!/^\d+(\.\d+)?$/.test(text) || (integer && !Number.isInteger(n)) || n < min || n > max) {
        throw new UsageError(`option ${arg} expects ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got '${text}'`);
      }
      return n;
    };
    switch (arg) {
      case '--port':
        options.port = number(0, 65535, true);
        break;
      case '--token-ttl':
        options.tokenTtlSeconds = number(1, 31_536_000, true);
        break;
      case '--auto-issue-after':
        options.autoIssueAfterSeconds = number(0, 31_536_000, false);
        break;
      case '--faults':
      case '--quiet':
      case '--help':
      case '-h':
        if (inline !== undefined) throw new UsageError(`option ${arg} takes no value`);
        if (arg === '--faults') options.enableFaults = true;
        else if (arg === '--quiet') options.quiet = true;
        else options.help = true;
        break;
      default:
        throw new UsageError(`unknown option '${arg}'`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  let options: EmulatorOptions & { help?: boolean };
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`emulator: ${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let emulator;
  try {
    emulator = await startEmulator(options);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'EADDRINUSE' ? `port ${options.port} is already in use` : String((err as Error).message ?? err);
    process.stderr.write(`emulator: cannot start: ${reason}\n`);
    process.exit(1);
  }
  const lines = [`DeepCurrent emulator listening on ${emulator.url}`, 'Demo accounts:'];
  for (const a of [...emulator.demoAccounts, { ...emulator.inactiveAccount, role: `${emulator.inactiveAccount.role} (inactive)` }]) {
    lines.push(`  ${a.email.padEnd(28)} plan=${a.plan.padEnd(5)} role=${a.role.padEnd(18)} password=${a.password}`);
  }
  if (options.enableFaults) lines.push('Fault injection enabled: POST/DELETE /__faults');
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
