import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, INACTIVE_DEMO_ACCOUNT } from '../../emulator/demo-accounts';
import { startWebBanner } from '../../web/start-web-banner';

const URL = 'http://127.0.0.1:5555/#token=abc';

describe('what start:web prints', () => {
  it('lists the demo sign-ins right after the URL when it started the Local emulator', () => {
    const lines = startWebBanner({ url: URL, startedEmulatorUrl: 'http://127.0.0.1:6666', dataDir: '/data' });

    expect(lines[0]).toBe(`DeepCurrent Desktop (web preview) at ${URL}`);
    expect(lines[1]).toBe(`Demo sign-ins for the Local emulator (password ${DEMO_PASSWORD}):`);
    const accounts = lines.slice(2, 2 + DEMO_ACCOUNTS.length);
    expect(accounts.map((l) => l.trim().split(/\s+/)[0])).toEqual(DEMO_ACCOUNTS.map((a) => a.email));
    expect(accounts[0]).toMatch(/^ {2}ada@deepcurrent\.test +plan pro, member$/);
    expect(lines.join('\n')).not.toContain(INACTIVE_DEMO_ACCOUNT.email);
    expect(lines.slice(2 + DEMO_ACCOUNTS.length)).toEqual(['DeepCurrent emulator listening on http://127.0.0.1:6666', 'Settings in /data']);
  });

  it('prints no sign-ins and no password without an emulator of its own', () => {
    const lines = startWebBanner({ url: URL, startedEmulatorUrl: null, dataDir: '/data' });

    expect(lines).toEqual([`DeepCurrent Desktop (web preview) at ${URL}`, 'No emulator (--no-emulator).', 'Settings in /data']);
    expect(lines.join('\n')).not.toContain(DEMO_PASSWORD);
  });
});
