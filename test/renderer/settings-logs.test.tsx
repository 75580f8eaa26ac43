/**
 * Settings › Logs: the logs folder as text and Open logs folder, which calls the `openLogsFolder` channel of the
 * real main process and shows its answer: opened (Electron's shell, a stand-in here), or where the folder is (as
 * start:web answers), or the failure in words.
 */
import { describe, expect, it } from 'vitest';
import { Backend, useEmulator } from './real-backend';
import { button, click, goTo, pageText, queryButton, renderApp, waitFor } from './helpers';

const emulator = useEmulator();
const FOLDER = '/home/ada/.config/DeepCurrent/logs';

async function onSettings(options: ConstructorParameters<typeof Backend>[1]): Promise<Backend> {
  const main = new Backend(emulator.current, options);
  await main.signIn('ada@deepcurrent.test', 'token');
  await renderApp(main);
  await goTo('Settings');
  return main;
}

const status = () => document.querySelector('section[aria-labelledby] [role="status"]')?.textContent ?? '';

describe('Settings › Logs', () => {
  it('shows the logs folder, and Open logs folder asks main to open it', async () => {
    const opened: string[] = [];
    const main = await onSettings({ logsFolder: FOLDER, openFolder: async (f) => (opened.push(f), null) });
    expect(pageText()).toContain(FOLDER);
    await click(button('Open logs folder'));
    expect(main.count('openLogsFolder')).toBe(1);
    expect(main.lastRequest('openLogsFolder')).toEqual({});
    expect(opened).toEqual([FOLDER]);
    await waitFor(() => status() === 'The logs folder is open in your file manager.');
  });

  it('says where the folder is when the host cannot open folders (start:web)', async () => {
    const main = await onSettings({ logsFolder: FOLDER });
    await click(button('Open logs folder'));
    expect(main.count('openLogsFolder')).toBe(1);
    await waitFor(() => status() === `The browser preview cannot open folders on your computer. The logs are in ${FOLDER}`);
  });

  it('tells a failure in an alert, with the folder to find by hand', async () => {
    await onSettings({ logsFolder: FOLDER, openFolder: async () => 'no file manager' });
    await click(button('Open logs folder'));
    const alert = await waitFor(() => document.querySelector('section [role="alert"]'));
    expect(alert.textContent).toBe(`Your system did not open the logs folder. You can find it at ${FOLDER}`);
    expect(pageText()).not.toContain('no file manager');
  });

  it('shows no Logs section when the app keeps no log file', async () => {
    await onSettings({ logsFolder: null });
    expect(queryButton('Open logs folder')).toBeNull();
  });
});
