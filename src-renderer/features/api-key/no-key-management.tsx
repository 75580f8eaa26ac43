/**
 * The API key screen for a server that offers no API key management (main decided it: the key-management
 * endpoints answered 404 or 405, or the profile reports no key). It says so, with what the server answered, and
 * offers no action that would fail: no Reveal, no Request a new key. `Check again` asks main to look once more.
 */
import type { KeyManagementNotOffered } from '../../../src-shared/models';
import { Button } from '../../components/button';

/** What the card shows: main's decision and whether it comes from saved details; `Check again` re-asks main. */
export interface NoKeyManagementProps {
  keyManagement: KeyManagementNotOffered;
  /** Whether the details are saved ones, shown because the server cannot be reached. */
  offline: boolean;
  checking: boolean;
  onCheckAgain: () => void;
}

/** The card that replaces the key's details and actions on a server without key management. */
export function NoKeyManagement({ keyManagement, offline, checking, onCheckAgain }: NoKeyManagementProps) {
  return (
    <section className="card" aria-labelledby="no-key-management-heading">
      <h2 id="no-key-management-heading">This server offers no API key management</h2>
      <p>{keyManagement.reason}</p>
      <p>There is no API key to reveal or replace on this server. Requests from this app use your sign-in session.</p>
      <div className="actions">
        <Button onClick={onCheckAgain}>Check again</Button>
        <span className="muted">{checking ? 'Checking…' : offline ? 'Last checked while online.' : ''}</span>
      </div>
    </section>
  );
}
