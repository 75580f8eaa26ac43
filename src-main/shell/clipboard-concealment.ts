/**
 * The clipboard formats that ask clipboard managers and OS clipboard history to leave a copied secret alone, per
 * platform. Pure data, so it is unit-tested under Node; `electron-clipboard.ts` writes these formats in the same
 * atomic `clipboard.write()` as the text.
 *
 * What they cover, and what they do not:
 * - macOS: `org.nspasteboard.ConcealedType` (nspasteboard.org convention). Clipboard managers that honour it (Maccy,
 *   Alfred, Raycast, Paste, Pastebot…) do not record or show the item. It does not stop any app from reading the
 *   general pasteboard while the key is there.
 * - Windows: `ExcludeClipboardContentFromMonitorProcessing` (clipboard monitors that honour it skip the item),
 *   `CanIncludeInClipboardHistory` = 0 (not kept in Win+V history) and `CanUploadToCloudClipboard` = 0 (not synced
 *   to other devices). Any running program can still read the clipboard while the key is there.
 * - Linux: `x-kde-passwordManagerHint` = `secret`; KDE's Klipper (and managers that follow it) do not keep the
 *   item in their history. GNOME and other managers may ignore the hint; X11 and Wayland let any client with
 *   clipboard access read it.
 * On every platform the remaining protection is time: the app clears the clipboard after the configured delay if
 * it still holds the key, and on quit.
 */

/** One extra clipboard format written beside the text: its platform name, payload, and what it achieves. */
export interface ConcealmentFormat {
  /** The raw OS format name (pasteboard type, registered Windows format, or X11/Wayland MIME type). */
  format: string;
  data: Uint8Array<ArrayBuffer>;
  /** A sentence for the user, listed in the copy receipt. */
  protection: string;
}

const DWORD_ZERO = new Uint8Array([0, 0, 0, 0]);
const MARKER = new TextEncoder().encode('1');

/** The concealment formats for a platform (`process.platform`); none for platforms without a convention. */
export function concealmentFormats(platform: string): ConcealmentFormat[] {
  switch (platform) {
    case 'darwin':
      return [
        {
          format: 'org.nspasteboard.ConcealedType',
          data: MARKER,
          protection: 'Marked as concealed, so macOS clipboard managers do not record it.',
        },
      ];
    case 'win32':
      return [
        {
          format: 'ExcludeClipboardContentFromMonitorProcessing',
          data: DWORD_ZERO,
          protection: 'Excluded from clipboard monitors that honour the Windows exclusion format.',
        },
        {
          format: 'CanIncludeInClipboardHistory',
          data: DWORD_ZERO,
          protection: 'Kept out of the Windows clipboard history (Win+V).',
        },
        {
          format: 'CanUploadToCloudClipboard',
          data: DWORD_ZERO,
          protection: 'Not synced to your other devices by the Windows cloud clipboard.',
        },
      ];
    case 'linux':
      return [
        {
          format: 'x-kde-passwordManagerHint',
          data: new TextEncoder().encode('secret'),
          protection: 'Marked as a secret, so KDE Klipper and compatible clipboard managers do not keep it.',
        },
      ];
    default:
      return [];
  }
}

/** The key of a raw OS format in an Electron `ClipboardItem`. */
export function electronRawFormatKey(format: string): string {
  return `electron application/osclipboard;format="${format}"`;
}
