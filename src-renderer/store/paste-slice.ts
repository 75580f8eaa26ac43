/**
 * Paste anything: a curl command pasted into the URL field, or given to the Import curl dialog, is read by main
 * (`importCurl`) against the active environment and fills the draft. Main leaves the command's own credential out;
 * the draft then uses the account's (Auth's default), and the notes say what was left out or ignored.
 */
import type { AppError } from '../../src-shared/errors';
import { call } from '../api';
import type { SliceCreator } from './store-types';
import { fromComposed } from './tester-draft';

export interface PasteState {
  /** Whether the Import curl dialog is open. */
  dialogOpen: boolean;
  busy: boolean;
  /** Why the last command could not be imported (in the dialog, or beside the URL field). */
  error: AppError | null;
  /** What the last import left out or ignored, in words; null when nothing was imported yet. */
  notes: string[] | null;
  /** True when the last command carried a credential of its own (left out: the account's own is used). */
  credentialLeftOut: boolean;
}

export interface PasteSlice {
  paste: PasteState;
  openCurlImport(): void;
  closeCurlImport(): void;
  /** Reads a curl command into the draft; answers whether it did. */
  importCurl(text: string): Promise<boolean>;
  clearPasteNotes(): void;
}

const initial: PasteState = { dialogOpen: false, busy: false, error: null, notes: null, credentialLeftOut: false };

export const createPasteSlice: SliceCreator<PasteSlice> = (set, get) => {
  const patch = (p: Partial<PasteState>) => set({ paste: { ...get().paste, ...p } });
  return {
    paste: initial,

    openCurlImport() {
      patch({ dialogOpen: true, error: null });
    },

    closeCurlImport() {
      patch({ dialogOpen: false, error: null, busy: false });
    },

    async importCurl(text) {
      if (get().paste.busy) return false;
      patch({ busy: true, error: null });
      const result = await call('importCurl', { text });
      if (!result.ok) {
        patch({ busy: false, error: result.error });
        return false;
      }
      const { request, notes, credentialLeftOut } = result.value;
      // The account's own credential (Auth's default): the command's was left out by main.
      get().updateDraft({ ...fromComposed({ ...request, auth: 'none' }), auth: null, source: null, variables: {} });
      get().clearCollectionsNotice(); // "Opened … from a file" no longer describes the draft
      patch({ busy: false, dialogOpen: false, error: null, notes, credentialLeftOut });
      return true;
    },

    clearPasteNotes() {
      patch({ notes: null, error: null, credentialLeftOut: false });
    },
  };
};
