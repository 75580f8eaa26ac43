import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSettingsFile } from '../../src-main/platform/settings-file';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'dc-settings-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the settings file', () => {
  it('keeps values across reopening, readable only by the owner', async () => {
    const dir = tempDir();
    const first = await openSettingsFile({ dir, flavour: 'conf' });
    first.kv.set('accounts', [{ id: 'acc_1', email: 'ada@deepcurrent.test' }]);
    first.kv.set('a.b', 1);
    const second = await openSettingsFile({ dir, flavour: 'conf' });
    expect(second.kv.get('accounts')).toEqual([{ id: 'acc_1', email: 'ada@deepcurrent.test' }]);
    expect(second.kv.get('a.b')).toBe(1);
    expect(second.notices).toEqual([]);
    expect(statSync(second.path).mode & 0o077).toBe(0);
  });

  it.each([
    ['truncated JSON', '{"accounts": [{"id": "acc_1"'],
    ['not JSON at all', '\u0000\u0000garbage'],
    ['a JSON array', '[1,2,3]'],
    ['an empty file', ''],
  ])('moves a damaged file aside with a timestamp and starts on defaults (%s)', async (_label, content) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), content);
    const opened = await openSettingsFile({ dir, flavour: 'conf', now: () => new Date('2026-11-28T10:20:30.000Z') });
    expect(opened.notices).toHaveLength(1);
    expect(opened.notices[0]).toContain('damaged');
    expect(opened.notices[0]).toContain('keychain were kept');
    expect(opened.kv.get('accounts')).toBeUndefined();
    const aside = readdirSync(dir).find((f) => f.startsWith('settings.damaged-2026-11-28T10-20-30-000Z'));
    expect(aside).toBeDefined();
    expect(readFileSync(join(dir, aside!), 'utf8')).toBe(content);
    opened.kv.set('settings', { theme: 'dark' });
    expect(JSON.parse(readFileSync(opened.path, 'utf8'))).toEqual({ settings: { theme: 'dark' } });
  });
});
