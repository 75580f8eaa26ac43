/**
 * Imports into the collection shown: the active environment's own OpenAPI document (the one the endpoint picker
 * reads), or a file: an OpenAPI document in JSON, or a `.http` / `.rest` file. The file is read in the page and its
 * text handed to main, which checks it (a `.http` file that holds a credential is refused whole) and writes it.
 */
import { useRef, useState } from 'react';
import type { AppError } from '../../../src-shared/errors';
import { useAppStore } from '../../store';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';

/** Largest file the page reads for an import (main's limit too). */
const MAX_IMPORT_BYTES = 5_000_000;

/** The import buttons. */
export function ImportControls() {
  const importInto = useAppStore((s) => s.importIntoCollection);
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (task: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    await task();
    setBusy(false);
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setError({ kind: 'invalid-input', message: `${file.name} is larger than 5 MB; the app imports smaller files.` });
      return;
    }
    const lower = file.name.toLowerCase();
    const kind = lower.endsWith('.json') ? 'openapi-file' : lower.endsWith('.http') || lower.endsWith('.rest') ? 'http-file' : null;
    if (!kind) {
      setError({ kind: 'invalid-input', message: `${file.name} is neither an OpenAPI document (.json) nor a .http or .rest file.` });
      return;
    }
    const text = await file.text();
    await run(() => importInto({ kind, fileName: file.name, text }));
  };

  return (
    <div className="collections-import">
      <Button onClick={() => void run(() => importInto({ kind: 'server' }))} aria-disabled={busy ? true : undefined}>
        Import this server’s API
      </Button>
      <Button onClick={() => input.current?.click()} aria-disabled={busy ? true : undefined}>
        Import a file…
      </Button>
      <input
        ref={input}
        type="file"
        hidden
        accept=".json,.http,.rest,application/json"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          void onFile(file);
        }}
      />
      {error ? <ErrorMessage error={error} /> : null}
    </div>
  );
}
