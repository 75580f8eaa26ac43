/**
 * The request tester (loaded lazily): explore the DeepCurrent API with the active account's credential, which the
 * main process adds at send time. Ctrl/Cmd+Enter sends from anywhere on the screen.
 */
import { useEffect } from 'react';
import { activeAccount, useAppStore } from '../../store';
import { draftAuth } from '../../store/tester-draft';
import { ScreenHeading } from '../../components/screen-heading';
import { ActingAs } from './acting-as';
import { HistoryPanel } from './history-panel';
import { RequestEditor } from './request-editor';
import { ResponsePanel } from './response-panel';
import { SnippetPanel } from './snippet-panel';
import { CollectionsPanel } from '../collections';

/** The tester screen. */
export default function TesterScreen() {
  const account = useAppStore(activeAccount);
  const auth = useAppStore((s) => draftAuth(s.tester.draft, activeAccount(s)));
  const hasEndpoints = useAppStore((s) => s.tester.endpoints !== null);
  const historyLoaded = useAppStore((s) => s.tester.historyLoaded);
  const loadEndpoints = useAppStore((s) => s.loadEndpoints);
  const loadHistory = useAppStore((s) => s.loadHistory);
  const send = useAppStore((s) => s.sendRequest);

  useEffect(() => {
    if (!hasEndpoints) void loadEndpoints();
    // Once per visit: the lists stay in the store between visits.
  }, []);

  useEffect(() => {
    // On a visit, and again when another account became active (its history is asked for afresh).
    if (!historyLoaded) void loadHistory();
  }, [historyLoaded]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.isComposing) return;
      // A dialog's own fields (Import curl, Save…) never send the request behind it.
      if (event.target instanceof Element && event.target.closest('[role="dialog"]')) return;
      event.preventDefault();
      void send();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [send]);

  if (!account) return null;
  return (
    <div className="screen tester">
      <ScreenHeading id="tester-heading">Request tester</ScreenHeading>
      <ActingAs account={account} auth={auth} />
      <div className="tester-grid">
        <RequestEditor />
        <ResponsePanel />
      </div>
      <SnippetPanel />
      <CollectionsPanel />
      <HistoryPanel />
    </div>
  );
}
