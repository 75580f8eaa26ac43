/**
 * Settings › Logs: where the app's log file is (the folder as text, selectable), and Open logs folder. Main opens
 * the folder where it can; the browser preview answers where the folder is instead, and that answer is shown.
 */
import { useId } from 'react';
import { useAppStore } from '../../store';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';

/** The Logs card; nothing when the app keeps no log file. */
export function LogsFolderSection() {
  const folder = useAppStore((s) => s.app?.logsFolder ?? null);
  const action = useAppStore((s) => s.logsFolderAction);
  const open = useAppStore((s) => s.openLogsFolder);
  const headingId = useId();
  if (!folder) return null;
  return (
    <section className="card narrow" aria-labelledby={headingId}>
      <h2 id={headingId}>Logs</h2>
      <p className="muted">The app writes a log file here. Secrets (API keys, session tokens) are removed from every line first.</p>
      <p className="mono path-text">{folder}</p>
      {action.error ? <ErrorMessage error={action.error} /> : null}
      <p role="status" className="muted">
        {action.message ?? ''}
      </p>
      <div className="actions">
        <Button onClick={() => void open()} disabled={action.busy}>
          Open logs folder
        </Button>
      </div>
    </section>
  );
}
