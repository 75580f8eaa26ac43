/**
 * Command line entry: `node --import tsx emulator/cli.ts --port 8787 [--token-ttl <s>] [--auto-issue-after <s>]
 * [--faults] [--quiet] [--flavour deepcurrent|minimal] [--signing-secret <text>] [--state-file <path>]` (see
 * `cli-options.ts`). Prints `DeepCurrent emulator listening on http://127.0.0.1:<port>` and the demo accounts;
 * bad options exit with code 2 and a one-line message, SIGINT/SIGTERM stop it cleanly (exit 0).
 */
import { parseCliOptions, USAGE, type CliOptions } from './cli-options';
import { flavourNamed } from './flavours';
import { startEmulator } from './server';

async function main(): Promise<void> {
  let cli: CliOptions;
  try {
    cli = parseCliOptions(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`emulator: ${err instanceof Error ? err.message : String(err)} (--help lists the options)\n`);
    process.exit(2);
  }
  const options = cli.emulator;
  if (cli.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let emulator;
  try {
    emulator = await startEmulator({ ...options, log: (message) => process.stderr.write(`${message}\n`) });
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
  if (emulator.flavour !== 'deepcurrent') lines.push(`Flavour: ${emulator.flavour} (${flavourNamed(emulator.flavour).summary})`);
  if (emulator.stateFile) lines.push(`State kept in ${emulator.stateFile}`);
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
