/**
 * The emulator's command line, parsed with `node:util` `parseArgs` into {@link EmulatorOptions}. Every problem is a
 * {@link UsageError} with a one-line message naming the option.
 */
import { parseArgs } from 'node:util';
import { FLAVOUR_NAMES, type FlavourName } from './flavour';
import type { EmulatorOptions } from './server';

/** The usage shown by `--help`. */
export const USAGE =
  'usage: emulator [--port <0-65535>] [--token-ttl <seconds>] [--auto-issue-after <seconds>] [--faults] [--quiet]\n' +
  `                [--flavour <${FLAVOUR_NAMES.join('|')}>] [--signing-secret <text>] [--state-file <path>] [--help]`;

/** Thrown for unusable command-line options. */
export class UsageError extends Error {}

/** What the command line asks for. */
export interface CliOptions {
  emulator: EmulatorOptions;
  help: boolean;
}

const OPTIONS = {
  port: { type: 'string' },
  'token-ttl': { type: 'string' },
  'auto-issue-after': { type: 'string' },
  faults: { type: 'boolean' },
  quiet: { type: 'boolean' },
  flavour: { type: 'string' },
  'signing-secret': { type: 'string' },
  'state-file': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Turns a `parseArgs` error into our one-line message. */
function usageErrorFrom(err: unknown): UsageError {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as NodeJS.ErrnoException).code;
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const option = quoted.split(' ')[0]!;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`unknown option '${option}'`);
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return new UsageError(`unexpected argument '${quoted}'`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return new UsageError(/does not take an argument/.test(message) ? `option ${option} takes no value` : `option ${option} needs a value`);
  }
  return new UsageError(message.split('\n')[0]!);
}

function number(name: string, text: string, min: number, max: number, integer: boolean): number {
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || (integer && !Number.isInteger(n)) || n < min || n > max) {
    throw new UsageError(`option --${name} expects ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got '${text}'`);
  }
  return n;
}

/** Parses the command line (without `node` and the script) into emulator options; the default port is 8787. */
export function parseCliOptions(argv: string[]): CliOptions {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; strict: true }>>['values'];
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (err) {
    throw usageErrorFrom(err);
  }
  for (const [name, value] of Object.entries(values)) {
    if (value === '') throw new UsageError(`option --${name} needs a value`);
  }
  const emulator: EmulatorOptions = { port: 8787 };
  if (values.port !== undefined) emulator.port = number('port', values.port, 0, 65535, true);
  if (values['token-ttl'] !== undefined) emulator.tokenTtlSeconds = number('token-ttl', values['token-ttl'], 1, 31_536_000, true);
  if (values['auto-issue-after'] !== undefined) {
    emulator.autoIssueAfterSeconds = number('auto-issue-after', values['auto-issue-after'], 0, 31_536_000, false);
  }
  if (values.faults) emulator.enableFaults = true;
  if (values.quiet) emulator.quiet = true;
  if (values.flavour !== undefined) {
    if (!(FLAVOUR_NAMES as readonly string[]).includes(values.flavour)) {
      throw new UsageError(`option --flavour expects ${FLAVOUR_NAMES.join(' or ')}, got '${values.flavour}'`);
    }
    emulator.flavour = values.flavour as FlavourName;
  }
  if (values['signing-secret'] !== undefined) emulator.signingSecret = values['signing-secret'];
  if (values['state-file'] !== undefined) emulator.stateFile = values['state-file'];
  return { emulator, help: values.help === true };
}
