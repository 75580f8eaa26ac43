/**
 * A failed call, told in its own words (`error.message`), in an alert region. Never a stack trace.
 */
import type { ReactNode } from 'react';
import type { AppError } from '../../src-shared/errors';

export interface ErrorMessageProps {
  error: Pick<AppError, 'message'>;
  title?: string;
  children?: ReactNode;
}

/** An alert box with the error's message and optional actions below it. */
export function ErrorMessage({ error, title, children }: ErrorMessageProps) {
  return (
    <div role="alert" className="alert alert-error">
      {title ? <p className="alert-title">{title}</p> : null}
      <p>{error.message}</p>
      {children}
    </div>
  );
}
