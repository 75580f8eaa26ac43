/**
 * Reading results in tests.
 */
import type { Result } from '../../src-shared/errors';
import type { SentRequest, TesterResponse } from '../../src-shared/tester';

/** The value of an ok Result, or a test failure that says what came back. */
export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

/** The response of a tester send that reached the server, or a test failure that says what came back. */
export function response(sent: Result<SentRequest>): TesterResponse {
  const { outcome } = value(sent);
  if (!outcome.ok) throw new Error(`expected a response, got ${outcome.error.kind}: ${outcome.error.message}`);
  return outcome.response;
}
