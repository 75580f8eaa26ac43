import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmulatorOptions, RunningEmulator } from '../../emulator/server';
import { ADA, FREE, api, expect401, login, loginRaw, start } from './helpers';

describe('state file (the embedded Local emulator keeps its state across restarts)', () => {
  let dir: string;
  let file: string;
  let running: RunningEmulator[] = [];
  const logs: string[] = [];

  const startWithFile = async (opts: EmulatorOptions = {}): Promise<RunningEmulator> => {
    const emu = await start({ stateFile: file, log: (m) => logs.push(m), ...opts });
    running.push(emu);
    return emu;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dc-emulator-state-'));
    file = join(dir, 'nested', 'emulator-state.json');
    logs.length = 0;
  });
  afterEach(async () => {
    await Promise.all(running.map((emu) => emu.close()));
    running = [];
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the file at start, readable by its owner only', async () => {
    const emu = await startWithFile();
    expect(emu.stateFile).toBe(file);
    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved).toMatchObject({ format: 'deepcurrent-emulator-state', version: 1, flavour: 'deepcurrent' });
    expect(saved.state.users.map((u: { email: string }) => u.email)).toContain(ADA);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(logs).toEqual([]);
  });

  it('comes back with the same users, the revealed key, requests, items and a still-valid token', async () => {
    const first = await startWithFile();
    const token = await login(first.url, ADA);
    const me = (await api(first.url, '/api/v1/users/me', { cred: token })).body;
    const key = (await api(first.url, '/api/v1/users/me/api-key/reveal', { method: 'POST', cred: token })).body.api_key as string;
    const item = (await api(first.url, '/api/v1/items', { method: 'POST', cred: token, json: { title: 'Kept' } })).body;
    const request = (await api(first.url, '/api/v1/users/me/api-key/regeneration-requests', { method: 'POST', cred: token, json: { reason: 'lost' } })).body;
    first.setUserActive(FREE, false);
    await first.close();

    const second = await startWithFile();
    const again = await api(second.url, '/api/v1/users/me', { cred: token });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(me.id);
    expect(again.body.api_key).toEqual({ ...me.api_key, revealed: true });
    expect((await api(second.url, '/api/v1/users/me/api-key/reveal', { method: 'POST', cred: token })).status).toBe(409);
    expect((await api(second.url, '/api/v1/users/me', { cred: key })).body.email).toBe(ADA);
    expect((await api(second.url, '/api/v1/items', { cred: key })).body).toEqual({ data: [item], count: 1 });
    expect((await api(second.url, `/api/v1/users/me/api-key/regeneration-requests/${request.id}`, { cred: key })).body).toEqual(request);
    expect((await loginRaw(second.url, FREE)).body).toEqual({ detail: 'Inactive user' });
  });

  it('has saved a change by the time its answer arrives', async () => {
    const emu = await startWithFile();
    const token = await login(emu.url, ADA);
    await api(emu.url, '/api/v1/items', { method: 'POST', cred: token, json: { title: 'On disk' } });
    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved.state.items.map((i: { title: string }) => i.title)).toEqual(['On disk']);
    expect((await readdir(join(dir, 'nested'))).sort()).toEqual(['emulator-state.json']);
  });

  it('continues integer ids after a restart (minimal flavour)', async () => {
    const first = await startWithFile({ flavour: 'minimal' });
    const token = await login(first.url, ADA);
    const one = (await api(first.url, '/api/v1/items', { method: 'POST', cred: token, json: { title: 'One' } })).body;
    await first.close();
    const second = await startWithFile({ flavour: 'minimal' });
    const two = (await api(second.url, '/api/v1/items', { method: 'POST', cred: token, json: { title: 'Two' } })).body;
    expect(two.id).toBe(one.id + 1);
    expect((await api(second.url, '/api/v1/items', { cred: token })).body.count).toBe(2);
  });

  it('refuses old tokens after a restart with another signing secret, with the same users', async () => {
    const first = await startWithFile({ signingSecret: 'first secret' });
    const token = await login(first.url, ADA);
    const id = (await api(first.url, '/api/v1/users/me', { cred: token })).body.id;
    await first.close();
    const second = await startWithFile({ signingSecret: 'second secret' });
    expect401(await api(second.url, '/api/v1/users/me', { cred: token }), 'Could not validate credentials');
    expect((await api(second.url, '/api/v1/users/me', { cred: await login(second.url, ADA) })).body.id).toBe(id);
  });

  it('reset() starts afresh: new demo users and keys, no items, old tokens refused, file rewritten', async () => {
    const emu = await startWithFile();
    const token = await login(emu.url, ADA);
    const before = (await api(emu.url, '/api/v1/users/me', { cred: token })).body;
    await api(emu.url, '/api/v1/users/me/api-key/reveal', { method: 'POST', cred: token });
    await api(emu.url, '/api/v1/items', { method: 'POST', cred: token, json: { title: 'Gone' } });

    await emu.reset();
    expect401(await api(emu.url, '/api/v1/users/me', { cred: token }), 'Could not validate credentials');
    const fresh = await login(emu.url, ADA);
    const after = (await api(emu.url, '/api/v1/users/me', { cred: fresh })).body;
    expect(after.id).not.toBe(before.id);
    expect(after.api_key.revealed).toBe(false);
    expect(after.api_key.last4).not.toBe(before.api_key.last4);
    expect((await api(emu.url, '/api/v1/items', { cred: fresh })).body).toEqual({ data: [], count: 0 });
    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved.state.items).toEqual([]);
    expect(saved.state.users.find((u: { email: string }) => u.email === ADA).id).toBe(after.id);
  });

  it('reset() works in memory too', async () => {
    const emu = await start();
    running.push(emu);
    const token = await login(emu.url, ADA);
    await emu.reset();
    expect401(await api(emu.url, '/api/v1/users/me', { cred: token }), 'Could not validate credentials');
    expect((await api(emu.url, '/api/v1/users/me', { cred: await login(emu.url, ADA) })).status).toBe(200);
  });

  it.each([
    ['not JSON', '{"format": "deepcurrent-emulator-state", '],
    ['not ours', '{"hello": "world"}'],
    ['a user without a password hash', null],
  ])('starts afresh with a log line when the file is unusable (%s), keeping the old file aside', async (_name, content) => {
    const first = await startWithFile();
    await first.close();
    running = [];
    let text = content;
    if (text === null) {
      const saved = JSON.parse(await readFile(file, 'utf8'));
      delete saved.state.users[0].passwordHash;
      text = JSON.stringify(saved);
    }
    await writeFile(file, text);

    const emu = await startWithFile();
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain(file);
    expect(logs[0]).toMatch(/unusable.*starting with fresh demo data.*\.unreadable/);
    expect(await readFile(`${file}.unreadable`, 'utf8')).toBe(text);
    expect((await api(emu.url, '/api/v1/users/me', { cred: await login(emu.url, ADA) })).status).toBe(200);
    expect(JSON.parse(await readFile(file, 'utf8')).format).toBe('deepcurrent-emulator-state');
  });

  it('does not load another flavour’s file', async () => {
    await (await startWithFile({ flavour: 'minimal' })).close();
    running = [];
    const emu = await startWithFile();
    expect(logs[0]).toMatch(/'minimal' flavour/);
    const me = await api(emu.url, '/api/v1/users/me', { cred: await login(emu.url, ADA) });
    expect(me.body.id).toMatch(/^u_/);
  });
});
