/**
 * The request tester as a workbench (loaded lazily): tabs of open requests; for the active one the request line
 * (`Method | URL | Send`) and below it the request and its response side by side (stacked in a narrow window),
 * split by a movable divider; a sidebar beside them (the collections and the history). It
 * explores the DeepCurrent API with the active account's credential, which the main process adds at send time.
 * Shortcuts: `use-workbench-keys.ts`.
 */
import { useEffect } from 'react';
import { activeAccount, useAppStore } from '../../store';
import { draftAuth } from '../../store/tester-draft';
import { ErrorMessage } from '../../components/error-message';
import { ScreenHeading } from '../../components/screen-heading';
import { ActingAs } from './acting-as';
import { preloadCodeEditor } from './code-view';
import { HistoryPanel } from './history-panel';
import { RequestEditor } from './request-editor';
import { ResponsePanel } from './response-panel';
import { CollectionsPanel } from '../collections';
import { SplitView } from './split-view';
import { TabBar, tabElementId, TAB_PANEL_ID } from './tab-bar';
import { UrlBar } from './url-bar';
import { useTabsAutosave } from './use-tabs-autosave';
import { useWorkbenchKeys } from './use-workbench-keys';
import './workbench.css';
import './workbench-top.css';
import './code-editor.css';

/** The active tab: its request line, a draft problem, and the two panes. */
function ActiveTab() {
  const activeId = useAppStore((s) => s.workbench.activeTabId);
  const draftError = useAppStore((s) => s.tester.draftError);
  return (
    <div role="tabpanel" id={TAB_PANEL_ID} aria-labelledby={tabElementId(activeId)} className="workbench-tab">
      <UrlBar />
      {draftError ? (
        <p className="field-error draft-error" role="alert">
          {draftError}
        </p>
      ) : null}
      <SplitView first={<RequestEditor key={activeId} />} second={<ResponsePanel key={activeId} />} />
    </div>
  );
}

/** The tester screen. */
export default function TesterScreen() {
  const account = useAppStore(activeAccount);
  const auth = useAppStore((s) => draftAuth(s.tester.draft, activeAccount(s)));
  const tabsShown = useAppStore((s) => s.workbench.accountId !== null && s.workbench.accountId === s.app?.activeAccountId);
  const tabsError = useAppStore((s) => s.workbench.loadError);
  const hasEndpoints = useAppStore((s) => s.tester.endpoints !== null);
  const historyLoaded = useAppStore((s) => s.tester.historyLoaded);
  const loadEndpoints = useAppStore((s) => s.loadEndpoints);
  const loadHistory = useAppStore((s) => s.loadHistory);
  const ensureTabs = useAppStore((s) => s.ensureTabs);

  useEffect(() => {
    void preloadCodeEditor();
    if (!hasEndpoints) void loadEndpoints();
    // Once per visit: the lists stay in the store between visits.
  }, []);

  useEffect(() => {
    // On a visit, and again when another account became active (its history is asked for afresh).
    if (!historyLoaded) void loadHistory();
  }, [historyLoaded]);

  useEffect(() => {
    // The active account's tabs: on a visit, and when another account became active.
    if (!tabsShown) void ensureTabs();
  }, [tabsShown, account?.id]);

  useWorkbenchKeys();
  useTabsAutosave();

  if (!account) return null;
  return (
    <div className="screen tester workbench">
      <div className="workbench-title">
        <ScreenHeading id="tester-heading">Request tester</ScreenHeading>
        <ActingAs account={account} auth={auth} />
      </div>
      {tabsError ? <ErrorMessage error={{ message: `Your tabs from the last session could not be restored: ${tabsError.message}` }} /> : null}
      <div className="workbench-body">
        <div className="workbench-main">
          {tabsShown ? (
            <>
              <TabBar />
              <ActiveTab />
            </>
          ) : (
            <p className="muted">Opening your tabs…</p>
          )}
        </div>
        {/* The sidebar: the collections, then the history. */}
        <aside className="workbench-sidebar" aria-label="Collections and history">
          <CollectionsPanel />
          <HistoryPanel />
        </aside>
      </div>
    </div>
  );
}
