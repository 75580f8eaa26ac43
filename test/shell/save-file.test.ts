/**
 * "Save body" in the Electron shell, with stand-ins for Electron's dialog and the file system (the Electron binary
 * cannot run on this machine): what our code asks the dialog for, and what it answers for a save, a cancel, a
 * dialog that fails and a write that fails. It does not prove Electron shows the dialog.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ BrowserWindow: { getFocusedWindow: () => null }, dialog: {} }));

const { createElectronFileSaver } = await import('../../src-main/shell/save-file');

type Deps = Parameters<typeof createElectronFileSaver>[0] & object;

function deps(answer: { canceled: boolean; filePath?: string } | Error, write: (path: string, bytes: Uint8Array) => Promise<void> = async () => {}) {
  const asked: unknown[] = [];
  const written: Array<[string, string]> = [];
  const window = { id: 1 } as unknown as ReturnType<Deps['focusedWindow']>;
  const stand: Deps = {
    focusedWindow: () => window,
    showSaveDialog: async (parent, options) => {
      asked.push([parent, options]);
      if (answer instanceof Error) throw answer;
      return { canceled: answer.canceled, filePath: answer.filePath ?? '' };
    },
    writeFile: async (path, bytes) => {
      await write(path, bytes);
      written.push([path, new TextDecoder().decode(bytes)]);
    },
  };
  return { stand, asked, written, window };
}

const file = { suggestedName: 'me.json', bytes: new TextEncoder().encode('{"email":"ada@deepcurrent.test"}') };

describe('the Electron file saver', () => {
  it('asks the focused window’s save dialog with the suggested name, then writes the bytes there', async () => {
    const { stand, asked, written, window } = deps({ canceled: false, filePath: '/home/ada/me.json' });
    expect(await createElectronFileSaver(stand)(file)).toEqual({ outcome: 'saved', path: '/home/ada/me.json' });
    expect(asked).toEqual([[window, expect.objectContaining({ defaultPath: 'me.json', title: 'Save response body' })]]);
    expect(written).toEqual([['/home/ada/me.json', '{"email":"ada@deepcurrent.test"}']]);
  });

  it('writes nothing when the user cancels', async () => {
    const { stand, written } = deps({ canceled: true });
    expect(await createElectronFileSaver(stand)(file)).toEqual({ outcome: 'cancelled' });
    expect(written).toEqual([]);
  });

  it('answers a failed write or dialog with the reason, never throwing', async () => {
    const denied = deps({ canceled: false, filePath: '/root/me.json' }, async () => {
      throw new Error('EACCES: permission denied');
    });
    expect(await createElectronFileSaver(denied.stand)(file)).toEqual({ outcome: 'failed', reason: 'EACCES: permission denied' });
    const broken = deps(new Error('no display'));
    expect(await createElectronFileSaver(broken.stand)(file)).toEqual({ outcome: 'failed', reason: 'no display' });
  });
});
