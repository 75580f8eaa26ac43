/**
 * Reading a DeepCurrent API answer, and saying in plain words why one cannot be read: which call (method and path)
 * and the first problem — the answer is not JSON or is empty, a field is missing, a field holds another type of
 * value, or a value the app does not know. The words name fields and kinds of value only, never a value from the
 * answer (an answer may hold a key), so they can go into a message and into the log as they are.
 */
import type { z } from 'zod';
import { fail, ok, type AppError, type Result } from '../../src-shared/errors';

/** The call an answer belongs to. */
export interface AnswerCall {
  method: string;
  path: string;
}

/** The lead-in of every unreadable-answer message; {@link unreadableDetail} reads what follows it. */
const LEAD_IN = "The server's answer cannot be read: ";

/** `GET /api/v1/users/me: the answer has no email`: the call and its first problem. */
function describe(call: AnswerCall, problem: string): string {
  return `${call.method} ${call.path}: ${problem}`;
}

/** The error for an answer that cannot be read, naming the call and the problem. */
export function unreadableAnswer(call: AnswerCall, problem: string, status?: number): AppError {
  const error: AppError = { kind: 'bad-response', message: `${LEAD_IN}${describe(call, problem)}.` };
  if (status !== undefined) error.status = status;
  return error;
}

/** The log line for an answer that cannot be read (no value from the answer, no credential). */
export function unreadableLogLine(call: AnswerCall, problem: string, status?: number): string {
  return `[deepcurrent-api] ${call.method} ${call.path}${status === undefined ? '' : ` (HTTP ${status})`}: cannot read the answer: ${problem}`;
}

/**
 * What an error from {@link unreadableAnswer} says after its lead-in (`GET /api/v1/users/me: the answer has no
 * email`), for a caller that words the situation itself; null for any other error.
 */
export function unreadableDetail(error: AppError): string | null {
  if (error.kind !== 'bad-response' || !error.message.startsWith(LEAD_IN)) return null;
  return error.message.slice(LEAD_IN.length).replace(/\.$/, '');
}

/** A kind of JSON value, in words. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a true/false value';
    case 'object':
      return 'an object';
    default:
      return 'something else';
  }
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'a true/false value',
  object: 'an object',
  array: 'a list',
};

/** `api_key.last4`, `data[0].status`. */
function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((name, part) => (typeof part === 'number' ? `${name}[${part}]` : name ? `${name}.${String(part)}` : String(part)), '');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** What a failed check expected, in words (`text or a number` for a union). */
function expectedOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return EXPECTED[issue.expected] ?? issue.expected;
  if (issue.code === 'invalid_union') {
    const options = issue.errors.map((branch) => branch[0]).filter((i): i is z.core.$ZodIssue => i !== undefined).map(expectedOf);
    return [...new Set(options)].join(' or ');
  }
  return 'another value';
}

/** The first problem of a failed check, in words: `the answer has no email`, `the answer's id is an object, not text or a number`. */
export function problemOf(issue: z.core.$ZodIssue, answer: unknown): string {
  const value = valueAt(answer, issue.path);
  if (issue.path.length === 0) {
    if (value === null || value === undefined) return 'the answer is empty';
    return `the answer is ${kindOf(value)}, not ${expectedOf(issue)}`;
  }
  const field = fieldName(issue.path);
  if (value === undefined || value === null) return `the answer has no ${field}`;
  if (issue.code === 'invalid_value') return `the answer's ${field} has a value the app does not know`;
  if (issue.code === 'too_small' && typeof value === 'string') return `the answer's ${field} is empty`;
  if (issue.code === 'invalid_type' || issue.code === 'invalid_union') {
    return `the answer's ${field} is ${kindOf(value)}, not ${expectedOf(issue)}`;
  }
  return `the answer's ${field} is not as expected`;
}

/**
 * Checks an answer against a schema and maps it. A failed check becomes {@link unreadableAnswer} with the first
 * problem, and one line in the log.
 */
export function readAnswer<S extends z.ZodType, T>(
  answer: unknown,
  schema: S,
  map: (value: z.infer<S>) => T,
  call: AnswerCall,
  log: (message: string) => void,
): Result<T> {
  const checked = schema.safeParse(answer);
  if (checked.success) return ok(map(checked.data));
  const first = checked.error.issues[0];
  const problem = first ? problemOf(first, answer) : 'the answer is not as expected';
  log(unreadableLogLine(call, problem));
  return fail(unreadableAnswer(call, problem));
}
