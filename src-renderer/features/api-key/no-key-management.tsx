/**
 * The API key screen for a server that offers no API key management (main decided it: the key-management
 * endpoints answered 404 or 405, or the profile reports no key). It says so, with what the server answered; main's
 * action list for it holds no key action, only a new check (`Check again`).
 */
import type { ReactNode } from 'react';
import type { KeyManagementNotOffered } from '../../../src-shared/models';

/** What the card shows: main's decision and whether it comes from saved details, and main's actions. */
export interface NoKeyManagementProps {
  keyManagement: KeyManagementNotOffered;
  /** Whether the details are saved ones, shown because the server cannot be reached. */
  offline: boolean;
  /** The card's buttons (main's actions: `Check again`). */
  actions: ReactNode;
}

/** The card that replaces the key's details and actions on a server without key management. */
export function NoKeyManagement({ keyManagement, actions }: NoKeyManagementProps) {
  return (
    <section className="card" aria-labelledby="no-key-management-heading">
      <h2 id="no-key-management-heading">This server offers no API key management</h2>
      <p>{keyManagement.reason}</p>
      <p>There is no API key to reveal or replace on this server. Requests from this app use your sign-in session.</p>
      {actions}
    </section>
  );
}
