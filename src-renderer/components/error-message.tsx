/**
 * A failed call, told in its own words (`error.message`, as main wrote it), in an alert region, with the technical
 * detail (a system error code) on a small `Details` line when main sent one. Never a stack trace.
 */
import type { ReactNode } from 'react';
import type { AppError } from '../../src-shared/errors';

export interface ErrorMessageProps {
  error: Pick<AppError, 'message' | 'detail'>;
  title?: string;
  children?: ReactNode;
}

/** The small line with an error's technical detail, for a conversation with support. */
export function ErrorDetail({ detail }: { detail: string }) {
  return <p className="error-detail">Details: {detail}</p>;
}

/** An alert box with the error's message, its detail when there is one, and optional actions below it. */
export function ErrorMessage({ error, title, children }: ErrorMessageProps) {
  return (
    <div role="alert" className="alert alert-error">
      {title ? <p className="alert-title">{title}</p> : null}
      <p>{error.message}</p>
      {error.detail ? <ErrorDetail detail={error.detail} /> : null}
      {children}
    </div>
  );
}
