/**
 * A collection's files and their requests, each a button that opens the request into the editor; what the app
 * cannot read in a file is said under it.
 */
import type { CollectionSummary } from '../../../src-shared/collections';
import { useAppStore } from '../../store';

/** The list of one collection. */
export function SavedRequestList({ collection }: { collection: CollectionSummary }) {
  const open = useAppStore((s) => s.openSavedRequest);
  const current = useAppStore((s) => s.tester.draft.source ?? null);
  if (collection.files.length === 0) {
    return <p className="muted">No saved requests yet. Save one with Save request… (Ctrl+S or ⌘+S).</p>;
  }
  return (
    <div className="saved-files">
      {collection.files.map((file) => (
        <div key={file.file} className="saved-file">
          <h3 className="mono">{file.file}</h3>
          {file.requests.length === 0 && file.problems.length === 0 ? <p className="muted">No requests in this file.</p> : null}
          <ul className="saved-requests" aria-label={`Requests in ${file.file}`}>
            {file.requests.map((saved) => {
              const isCurrent = current?.collectionId === collection.id && current.file === file.file && current.name === saved.request.name;
              return (
                <li key={saved.id}>
                  <button
                    type="button"
                    className="saved-request"
                    aria-current={isCurrent ? 'true' : undefined}
                    onClick={() => open(collection.id, file.file, saved.id)}
                  >
                    <span className="http-method mono">{saved.request.method}</span>{' '}
                    <span className="saved-name">{saved.request.name}</span>{' '}
                    <span className="saved-path mono">{saved.request.path}</span>
                  </button>
                </li>
              );
            })}
          </ul>
          {file.problems.map((problem) => (
            <p key={problem} className="hint">
              {problem}
            </p>
          ))}
        </div>
      ))}
    </div>
  );
}
