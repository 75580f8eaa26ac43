/**
 * History worth using: the active account's requests (or every signed-in account's, each named), newest first in
 * groups by day, searchable by method, path and status, the status coloured (and written, so colour is never the
 * only sign). `Re-run` sends an entry again under its own account (asking first when another account is active),
 * `Load` fills the editor, `Save…` saves it to a collection (as history keeps it: redacted, so a credential it had
 * reads REDACTED and the save refuses it until it is replaced). Entries come from main already redacted.
 */
import { useEffect, useId, useMemo } from 'react';
import type { HistoryEntry, TesterAuth } from '../../../src-shared/tester';
import { activeAccount, useAppStore } from '../../store';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { formatClock } from '../../format';
import { groupByDay, matchesSearch, mergeNewestFirst, statusClass } from './history-groups';
import './tester-extras.css';

const CREDENTIAL: Record<TesterAuth, string> = { 'api-key': 'API key', token: 'session token', none: 'no credential' };

/** One entry's line: method, path, status, time taken, clock time, credential kind, and the account when shown. */
function EntrySummary({ entry, id, account }: { entry: HistoryEntry; id: string; account: string | null }) {
  const outcome = entry.status !== null ? String(entry.status) : (entry.errorKind ?? 'no answer');
  return (
    <span id={id} className="mono history-entry">
      <span className="http-method">{entry.request.method}</span> <span className="history-path">{entry.request.path}</span>
      {' · '}
      <span className={`history-status ${statusClass(entry)}`}>{outcome}</span>
      {` · ${Math.round(entry.durationMs)} ms · ${formatClock(entry.at)} · ${CREDENTIAL[entry.credentialKind]}`}
      {account ? <span className="history-account">{` · ${account}`}</span> : null}
      {entry.bodyNotKept ? ' · body not kept' : ''}
    </span>
  );
}

/** Asks before re-running an entry of another account (the switch makes that account active). */
function RerunAsDialog() {
  const entry = useAppStore((s) => s.historyView.ask);
  const accounts = useAppStore((s) => s.app?.accounts ?? []);
  const active = useAppStore(activeAccount);
  const confirm = useAppStore((s) => s.confirmRerunAs);
  const cancel = useAppStore((s) => s.cancelRerunAs);
  if (!entry) return null;
  const owner = accounts.find((a) => a.id === entry.accountId);
  const who = owner ? `${owner.email} (${owner.environmentLabel})` : 'an account that is no longer signed in';
  return (
    <Dialog title="Re-run as another account?" onClose={cancel}>
      <p>{`This request was sent as ${who}. The active account is ${active?.email ?? 'none'}.`}</p>
      <p>{`Re-running it switches to ${owner?.email ?? 'that account'} and sends it with that account's credential.`}</p>
      <div className="actions">
        <Button variant="primary" onClick={() => void confirm()} aria-disabled={owner ? undefined : true}>
          Switch and re-run
        </Button>
        <Button onClick={cancel}>Cancel</Button>
      </div>
    </Dialog>
  );
}

/** The history section. */
export function HistoryPanel() {
  const own = useAppStore((s) => s.tester.history);
  const loaded = useAppStore((s) => s.tester.historyLoaded);
  const error = useAppStore((s) => s.tester.historyError);
  const inFlight = useAppStore((s) => s.tester.inFlightId !== null);
  const view = useAppStore((s) => s.historyView);
  const accounts = useAppStore((s) => s.app?.accounts ?? null);
  const activeId = useAppStore((s) => s.app?.activeAccountId ?? null);
  const setScope = useAppStore((s) => s.setHistoryScope);
  const setSearch = useAppStore((s) => s.setHistorySearch);
  const rerun = useAppStore((s) => s.rerunEntry);
  const load = useAppStore((s) => s.loadEntry);
  const save = useAppStore((s) => s.startSaveHistoryEntry);
  const clear = useAppStore((s) => s.clearHistory);
  const prefix = useId();

  // Another account became active: the list of the others changed.
  useEffect(() => {
    if (useAppStore.getState().historyView.scope === 'all') void setScope('all');
  }, [activeId]);

  const all = view.scope === 'all';
  const entries = useMemo(() => (all ? mergeNewestFirst(own, view.others) : own), [all, own, view.others]);
  const shown = useMemo(() => entries.filter((e) => matchesSearch(e, view.search)), [entries, view.search]);
  const days = useMemo(() => groupByDay(shown), [shown]);
  const accountLabel = (entry: HistoryEntry) => {
    if (!all) return null;
    const account = accounts?.find((a) => a.id === entry.accountId);
    return account ? `${account.email} (${account.environmentLabel})` : 'signed out';
  };

  return (
    <section className="card history" aria-labelledby={`${prefix}-heading`}>
      <div className="section-head">
        <h2 id={`${prefix}-heading`}>History</h2>
        {own.length > 0 ? <Button onClick={() => void clear()}>Clear history</Button> : null}
      </div>
      <div className="history-tools">
        <Field label="Search history" hint="Method, path or status (404, 4xx)." className="grow">
          {(control) => <input {...control} type="search" value={view.search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" spellCheck={false} />}
        </Field>
        <Field label="Show">
          {(control) => (
            <select {...control} value={view.scope} onChange={(e) => void setScope(e.target.value as 'account' | 'all')}>
              <option value="account">This account</option>
              <option value="all">All signed-in accounts</option>
            </select>
          )}
        </Field>
      </div>
      {error ? <ErrorMessage error={error} /> : null}
      {view.error ? <ErrorMessage error={view.error} /> : null}
      {loaded && entries.length === 0 ? <p className="muted">No requests yet.</p> : null}
      {entries.length > 0 && shown.length === 0 ? <p className="muted">{`No request matches “${view.search.trim()}”.`}</p> : null}
      {days.map((day, d) => (
        <div key={day.key} className="history-day">
          <h3 id={`${prefix}-day-${d}`}>{day.label}</h3>
          <ol className="history-list" aria-labelledby={`${prefix}-day-${d}`}>
            {day.entries.map((entry) => {
              const id = `${prefix}-entry-${entry.id}`;
              return (
                <li key={entry.id}>
                  <EntrySummary entry={entry} id={id} account={accountLabel(entry)} />
                  <span className="history-actions">
                    <Button variant="quiet" aria-describedby={id} aria-disabled={inFlight ? true : undefined} onClick={() => void rerun(entry)}>
                      Re-run
                    </Button>
                    <Button variant="quiet" aria-describedby={id} onClick={() => load(entry)}>
                      Load
                    </Button>
                    <Button variant="quiet" aria-describedby={id} onClick={() => save(entry)}>
                      Save…
                    </Button>
                  </span>
                </li>
              );
            })}
          </ol>
        </div>
      ))}
      <RerunAsDialog />
    </section>
  );
}
