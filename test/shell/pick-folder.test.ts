/**
 * Collections › Add folder… in the desktop app: the folder dialog asked of Electron (with a stand-in for its API,
 * since the Electron binary cannot run here: this proves what our code asks, not what Electron shows). A folder, not
 * files; attached to the focused window; a cancel or a failing dialog answers null, never a rejection.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const asked: Array<{ parent: unknown; options: Record<string, unknown> }> = [];
let answer: { canceled: boolean; filePaths: string[] } | Error = { canceled: false, filePaths: ['/home/ada/api-requests'] };
let focused: object | null = { id: 1 };

vi.mock('electron', () => ({
  BrowserWindow: { getFocusedWindow: () => focused },
  dialog: {
    showOpenDialog: async (...args: unknown[]) => {
      const [parent, options] = args.length === 2 ? args : [null, args[0]];
      asked.push({ parent, options: options as Record<string, unknown> });
      if (answer instanceof Error) throw answer;
      return answer;
    },
  },
}));

const { createElectronFolderPicker } = await import('../../src-main/shell/pick-folder');

beforeEach(() => {
  asked.length = 0;
  focused = { id: 1 };
  answer = { canceled: false, filePaths: ['/home/ada/api-requests'] };
});

describe('the Electron folder picker', () => {
  it('asks for one folder (which may be created there), attached to the focused window', async () => {
    const logs: string[] = [];
    expect(await createElectronFolderPicker((m) => logs.push(m))()).toBe('/home/ada/api-requests');
    expect(asked).toEqual([
      { parent: { id: 1 }, options: { title: 'Choose a folder for a collection', buttonLabel: 'Use this folder', properties: ['openDirectory', 'createDirectory'] } },
    ]);
    expect(logs).toEqual([]);
  });

  it('answers null when the user cancels, and when the dialog fails (logged, not thrown)', async () => {
    answer = { canceled: true, filePaths: [] };
    expect(await createElectronFolderPicker(() => {})()).toBeNull();
    answer = new Error('no display');
    const logs: string[] = [];
    expect(await createElectronFolderPicker((m) => logs.push(m))()).toBeNull();
    expect(logs).toEqual(['[main] the folder dialog failed: no display']);
  });

  it('still asks with no focused window', async () => {
    focused = null;
    expect(await createElectronFolderPicker(() => {})()).toBe('/home/ada/api-requests');
    expect(asked[0]!.parent).toBeNull();
  });
});
