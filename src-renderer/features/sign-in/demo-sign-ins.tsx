/**
 * The demo hint of the sign-in form: when the Local emulator is the chosen environment, its demo accounts (the
 * published email and password every copy of the development-only emulator has, sent by main with the Local
 * option) with a Fill in button each. Never shown for any other environment. It is not part of the prerendered
 * form: it appears below the form once the app has taken it over, so nothing in the form moves.
 */
import { useId } from 'react';
import type { DemoSignIn } from '../../../src-shared/models';
import { Button } from '../../components/button';

/** The demo accounts to list, and what Fill in does with one. */
export interface DemoSignInsProps {
  signIns: DemoSignIn[];
  onFill: (signIn: DemoSignIn) => void;
}

/** The demo accounts as a small table; nothing when there are none. */
export function DemoSignIns({ signIns, onFill }: DemoSignInsProps) {
  const headingId = useId();
  if (signIns.length === 0) return null;
  return (
    <section className="demo-sign-ins" aria-labelledby={headingId}>
      <h2 id={headingId}>Demo accounts</h2>
      <p className="hint">The Local emulator’s published sign-ins, for trying the app. Development builds only.</p>
      <table className="demo-table">
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Password</th>
            <th scope="col">
              <span className="visually-hidden">Fill in</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {signIns.map((demo) => (
            <tr key={demo.email}>
              <td className="mono">{demo.email}</td>
              <td className="mono">{demo.password}</td>
              <td>
                <Button variant="quiet" aria-label={`Fill in ${demo.email}`} onClick={() => onFill(demo)}>
                  Fill in
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
