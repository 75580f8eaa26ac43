/**
 * The line shown when a screen shows saved details because the server cannot be reached: since when, when known.
 */
import { formatDateTime } from '../format';

/** `since`: when the details were last confirmed by the server (ISO time), or null when unknown. */
export function OfflineNotice({ since }: { since: string | null }) {
  return (
    <p className="alert alert-info" role="status">
      {since ? `Offline — showing saved details from ${formatDateTime(since)}` : 'Offline — showing saved details'}
    </p>
  );
}
