/**
 * The system clipboard for secrets, over Electron 45's asynchronous, W3C-shaped `clipboard` module.
 *
 * `writeSecret` commits the text (`text/plain`) together with the platform's concealment formats (see
 * `clipboard-concealment.ts`: macOS `org.nspasteboard.ConcealedType`; Windows
 * `ExcludeClipboardContentFromMonitorProcessing`, `CanIncludeInClipboardHistory` = 0, `CanUploadToCloudClipboard`
 * = 0; Linux `x-kde-passwordManagerHint` = `secret`) in ONE `clipboard.write([new ClipboardItem(…)])` call, which
 * Electron documents as atomic, using the raw `electron application/osclipboard;format="…"` keys. One call, because
 * each write replaces the whole clipboard: written one after another, the text and the hints could not coexist.
 * If the platform refuses a raw format, the text alone is written and the failure is logged: the copy still works,
 * without the hints. What the hints do and do not cover is documented in `clipboard-concealment.ts`.
 *
 * Every method is asynchronous like Electron's clipboard, so the auto-clear check reads the clipboard as it is at
 * that moment and never clears something the user copied since.
 */
import { clipboard, ClipboardItem } from 'electron';
import type { ClipboardPort } from '../platform/ports';
import { concealmentFormats, electronRawFormatKey } from './clipboard-concealment';

/** Creates the Electron clipboard port for `platform` (defaults to this machine's). */
export function createElectronClipboard(
  options: { platform?: string; log?: (message: string) => void } = {},
): ClipboardPort {
  const platform = options.platform ?? process.platform;
  const log = options.log ?? (() => {});
  return {
    async writeSecret(text: string): Promise<string[]> {
      const formats = concealmentFormats(platform);
      const item: Record<string, string | Blob> = { 'text/plain': text };
      for (const f of formats) item[electronRawFormatKey(f.format)] = new Blob([f.data]);
      try {
        await clipboard.write([new ClipboardItem(item)]);
        return formats.map((f) => f.protection);
      } catch {
        log('[clipboard] the concealment formats were refused; the text was copied without them');
        await clipboard.writeText(text);
        return [];
      }
    },
    readText: () => clipboard.readText(),
    async clear(): Promise<void> {
      clipboard.clear();
    },
  };
}
