/**
 * Reading results in tests.
 */
import type { Result } from '../../src-shared/errors';

/** The value of an ok Result, or a test failure that says what came back. */
export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}
