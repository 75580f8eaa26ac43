/**
 * A list of label/value facts (`Signed in with: API key`), as a description list whose rows read as one line.
 */
import type { ReactNode } from 'react';

/** One row: a label (shown with a colon) and its value. */
export type Fact = [label: string, value: ReactNode];

/** A `<dl>` of facts. */
export function Facts({ items }: { items: Fact[] }) {
  return (
    <dl className="facts">
      {items.map(([name, value]) => (
        <div className="fact" key={name}>
          <dt>{name}:</dt> <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
