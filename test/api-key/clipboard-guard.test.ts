import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClipboardGuard } from '../../src-main/api-key/clipboard-guard';
import { FakeClipboard, GatedClipboard, flushMicrotasks } from '../helpers/fake-clipboard';

const KEY_A = `dc_${'a'.repeat(40)}`;
const KEY_B = `dc_${'b'.repeat(40)}`;

describe('ClipboardGuard', () => {
  let clipboard: FakeClipboard;
  let seconds: number;
  let guard: ClipboardGuard;

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    clipboard = new FakeClipboard(['concealed']);
    seconds = 30;
    guard = new ClipboardGuard({ clipboard, clock: { now: () => Date.now() }, clearAfterSeconds: () => seconds });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes the key and answers when it will be cleared, with the protections applied', async () => {
    const receipt = await guard.copy(KEY_A);
    expect(clipboard.text).toBe(KEY_A);
    expect(receipt).toEqual({ clearAt: 1_000_000 + 30_000, clearAfterSeconds: 30, protections: ['concealed'] });
  });

  it('clears the clipboard after the set number of seconds, not before', async () => {
    await guard.copy(KEY_A);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(clipboard.text).toBe(KEY_A);
    await vi.advanceTimersByTimeAsync(1);
    expect(clipboard.text).toBe('');
    expect(clipboard.clears).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
    clipboard.userCopies(KEY_A); // the user copies the key again themselves: no longer the app's to clear
    await guard.dispose();
    expect(clipboard.text).toBe(KEY_A);
  });

  it('uses the setting at the time of the copy', async () => {
    seconds = 10;
    expect((await guard.copy(KEY_A)).clearAfterSeconds).toBe(10);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(clipboard.text).toBe('');
  });

  it('keeps the delay within 10–600 seconds whatever the setting says', async () => {
    seconds = 1;
    expect((await guard.copy(KEY_A)).clearAfterSeconds).toBe(10);
    seconds = 100_000;
    expect((await guard.copy(KEY_A)).clearAfterSeconds).toBe(600);
    seconds = Number.NaN;
    expect((await guard.copy(KEY_A)).clearAfterSeconds).toBe(30);
  });

  it('leaves what the user copied afterwards alone', async () => {
    await guard.copy(KEY_A);
    clipboard.userCopies('my shopping list');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(clipboard.text).toBe('my shopping list');
    expect(clipboard.clears).toBe(0);
  });

  it('a new copy replaces the previous timer: the clear counts from the newest copy', async () => {
    await guard.copy(KEY_A);
    await vi.advanceTimersByTimeAsync(20_000);
    await guard.copy(KEY_B);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(clipboard.text).toBe(KEY_B);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(clipboard.text).toBe('');
    expect(clipboard.clears).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not clear the second key when the first key’s time is up', async () => {
    await guard.copy(KEY_A);
    await vi.advanceTimersByTimeAsync(29_000);
    await guard.copy(KEY_B);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(clipboard.text).toBe(KEY_B);
  });

  it('dispose (quit) clears the clipboard at once if it still holds the key, and cancels the timer', async () => {
    await guard.copy(KEY_A);
    await guard.dispose();
    expect(clipboard.text).toBe('');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('dispose (quit) leaves the user’s own clipboard content alone', async () => {
    await guard.copy(KEY_A);
    clipboard.userCopies('hello');
    await guard.dispose();
    expect(clipboard.text).toBe('hello');
  });

  it('dispose without a copy does nothing', async () => {
    clipboard.userCopies('hello');
    await guard.dispose();
    expect(clipboard.text).toBe('hello');
    expect(clipboard.clears).toBe(0);
  });

  it('clearNow answers whether it cleared, and forgets the key either way', async () => {
    await guard.copy(KEY_A);
    expect(await guard.clearNow()).toBe(true);
    clipboard.userCopies(KEY_A); // the user pastes and re-copies it themselves: no longer ours to clear
    expect(await guard.clearNow()).toBe(false);
    expect(clipboard.text).toBe(KEY_A);
  });

  it('survives a clipboard that cannot be read', async () => {
    const broken = new FakeClipboard();
    broken.readText = () => {
      throw new Error('clipboard unavailable');
    };
    const g = new ClipboardGuard({ clipboard: broken, clock: { now: () => 0 }, clearAfterSeconds: () => 30 });
    g.copy(KEY_A);
    await expect(g.dispose()).resolves.toBe(false);
  });

  it('works with injected timers instead of the global ones', async () => {
    const scheduled: Array<{ fn: () => void; ms: number }> = [];
    const g = new ClipboardGuard({
      clipboard,
      clock: { now: () => 5 },
      clearAfterSeconds: () => 45,
      timers: { setTimeout: (fn, ms) => scheduled.push({ fn, ms }), clearTimeout: () => {} },
    });
    expect((await g.copy(KEY_A)).clearAt).toBe(5 + 45_000);
    expect(scheduled[0]?.ms).toBe(45_000);
    scheduled[0]!.fn();
    await flushMicrotasks();
    expect(clipboard.text).toBe('');
  });
});

describe('ClipboardGuard with two copies at once (current key and new key, review part 8, finding 5)', () => {
  let clipboard: GatedClipboard;
  let guard: ClipboardGuard;

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    clipboard = new GatedClipboard();
    guard = new ClipboardGuard({ clipboard, clock: { now: () => Date.now() }, clearAfterSeconds: () => 30 });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('leaves the key copied last on the clipboard even when the writes would finish in reverse order', async () => {
    const copies = Promise.all([guard.copy(KEY_A), guard.copy(KEY_B)]);
    await clipboard.landNewestFirst();
    await copies;
    expect(clipboard.text).toBe(KEY_B);
    expect(clipboard.landed).toEqual([KEY_A, KEY_B]);
    expect(vi.getTimerCount()).toBe(1); // the first key is off the clipboard: nothing is kept for it
  });

  it('leaves nothing on the clipboard after the timer when the two writes finish in reverse order', async () => {
    const copies = Promise.all([guard.copy(KEY_A), guard.copy(KEY_B)]);
    await clipboard.landNewestFirst();
    await copies;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(clipboard.text).toBe('');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaves nothing on the clipboard after quit, even when quitting while both writes are in flight', async () => {
    const copies = Promise.all([guard.copy(KEY_A), guard.copy(KEY_B)]);
    const quit = guard.dispose();
    await clipboard.landNewestFirst();
    await copies;
    expect(await quit).toBe(true);
    expect(clipboard.text).toBe('');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaves what the user copied after the two copies alone, at the timer and at quit', async () => {
    const copies = Promise.all([guard.copy(KEY_A), guard.copy(KEY_B)]);
    await clipboard.landNewestFirst();
    await copies;
    clipboard.userCopies('my shopping list');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await guard.dispose()).toBe(false);
    expect(clipboard.text).toBe('my shopping list');
    expect(clipboard.clears).toBe(0);
  });

  it('keeps the previous key’s own clear time when the next copy fails', async () => {
    const first = guard.copy(KEY_A);
    await clipboard.landNewestFirst();
    await first;
    await vi.advanceTimersByTimeAsync(10_000);
    const second = guard.copy(KEY_B);
    await flushMicrotasks();
    clipboard.pending[0]!.fail();
    await expect(second).rejects.toThrow('the clipboard is busy');
    expect(clipboard.text).toBe(KEY_A);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(clipboard.text).toBe('');
  });

  it('quit after a failed copy still takes back the key copied before it', async () => {
    const first = guard.copy(KEY_A);
    await clipboard.landNewestFirst();
    await first;
    const second = guard.copy(KEY_B);
    await flushMicrotasks();
    clipboard.pending[0]!.fail();
    await expect(second).rejects.toThrow();
    expect(await guard.dispose()).toBe(true);
    expect(clipboard.text).toBe('');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('takes back a key whose write landed but reported a failure', async () => {
    const copy = guard.copy(KEY_A);
    await flushMicrotasks();
    clipboard.userCopies(KEY_A); // the system clipboard took the text, then the call failed
    clipboard.pending[0]!.fail();
    await expect(copy).rejects.toThrow();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(clipboard.text).toBe('');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('restarts a key’s time when it is copied again, even if its old time runs out while the copy is in flight', async () => {
    const first = guard.copy(KEY_A);
    await clipboard.landNewestFirst();
    await first;
    await vi.advanceTimersByTimeAsync(29_000);
    const again = guard.copy(KEY_A);
    await vi.advanceTimersByTimeAsync(1_000); // the first copy's time is up while the second write is in flight
    await clipboard.landNewestFirst();
    await again;
    await vi.advanceTimersByTimeAsync(29_000);
    expect(clipboard.text).toBe(KEY_A);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(clipboard.text).toBe('');
    expect(vi.getTimerCount()).toBe(0);
  });
});
