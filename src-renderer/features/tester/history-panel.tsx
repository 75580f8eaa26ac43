/**
 * The active account's history of sent requests, newest first, as the main process keeps it (already redacted):
 * method, path, status, time, when, which credential kind, and whether the body was not kept. `Re-run`, `Load` into
 * the editor, `Clear history` (this account's).
 */
import { useId } from 'react';
import type { HistoryEntry, TesterAuth } from '../../../src-shared/tester';
import { useAppStore } from '../../store';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { formatClock } from '../../format';

const CREDENTIAL: Record<TesterAuth, string> = { 'api-key': 'API key', token: 'session token', none: 'no credential' };

/** One entry as a line of text. */
function historySummary(entry: HistoryEntry): string {
  const outcome = entry.status !== null ? String(entry.status) : (entry.errorKind ?? 'no answer');
  const line = `${entry.request.method} ${entry.request.path} · ${outcome} · ${Math.round(entry.durationMs)} ms · ${formatClock(entry.at)} · ${CREDENTIAL[entry.credentialKind]}`;
  return entry.bodyNotKept ? `${line} · body not kept` : line;
}

/** The history section. */
export function HistoryPanel() {
  const history = useAppStore((s) => s.tester.history);
  const loaded = useAppStore((s) => s.tester.historyLoaded);
  const error = useAppStore((s) => s.tester.historyError);
  const inFlight = useAppStore((s) => s.tester.inFlightId !== null);
  const load = useAppStore((s) => s.loadFromHistory);
  const rerun = useAppStore((s) => s.rerunFromHistory);
  const clear = useAppStore((s) => s.clearHistory);
  const prefix = useId();

  return (
    <section className="card history" aria-labelledby={`${prefix}-heading`}>
      <div className="section-head">
        <h2 id={`${prefix}-heading`}>History</h2>
        {history.length > 0 ? <Button onClick={() => void clear()}>Clear history</Button> : null}
      </div>
      {error ? <ErrorMessage error={error} /> : null}
      {loaded && history.length === 0 ? <p className="muted">No requests yet.</p> : null}
      {history.length > 0 ? (
        <ol className="history-list">
          {history.map((entry, index) => {
            const id = `${prefix}-entry-${index}`;
            return (
              <li key={entry.id}>
                <span id={id} className="mono">
                  {historySummary(entry)}
                </span>
                <span className="history-actions">
                  <Button variant="quiet" aria-describedby={id} aria-disabled={inFlight ? true : undefined} onClick={() => void rerun(entry.id)}>
                    Re-run
                  </Button>
                  <Button variant="quiet" aria-describedby={id} onClick={() => load(entry.id)}>
                    Load
                  </Button>
                </span>
              </li>
            );
          })}
        </ol>
      ) : null}
    </section>
  );
}
