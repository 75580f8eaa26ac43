/**
 * The workbench's tabs on disk: what of a draft is kept (the history's secret check on every field and every body
 * kind, large bodies left out), what the store says was not kept, per account, and what it does with a file that
 * was damaged or edited by hand.
 */
import { describe, expect, it } from 'vitest';
import { keptDraft } from '../../src-main/tester/kept-draft';
import { TABS_KEY, TabsStore } from '../../src-main/tester/tabs-store';
import { MAX_KEPT_BODY_CHARS, MAX_TABS, type SavedDraft } from '../../src-shared/workbench';
import { MemoryKv } from '../helpers/memory-kv';

const API_KEY = `dc_${'Ab1'.repeat(12)}`;
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1XzEiLCJleHAiOjk5OTk5OTk5OTl9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

function draft(patch: Partial<SavedDraft> = {}): SavedDraft {
  return {
    method: 'GET',
    path: '/api/v1/items',
    query: [],
    headers: [],
    bodyKind: 'none',
    jsonText: '',
    formFields: [],
    text: '',
    textContentType: 'text/plain',
    auth: null,
    endpointId: '',
    ...patch,
  };
}

const row = (name: string, value: string) => ({ name, value, enabled: true });

describe('what of a draft is kept on disk', () => {
  it('keeps an ordinary draft as it is, and says nothing was dropped', () => {
    const plain = draft({ query: [row('limit', '5')], headers: [row('X-Trace', 'abc')], bodyKind: 'json', jsonText: '{"title": "ink"}' });
    expect(keptDraft(plain)).toEqual({ draft: plain, notKept: [] });
  });

  it('replaces every secret-looking value, in every body kind, and names each one', () => {
    const kept = keptDraft(
      draft({
        path: `/api/v1/items?api_key=${API_KEY}`,
        query: [row('token', 'abc'), row('limit', '5')],
        headers: [row('Authorization', `Bearer ${JWT}`), row('X-Empty-Token', '')],
        bodyKind: 'form',
        jsonText: '{"password": "hunter2", "title": "ink"}',
        formFields: [row('username', 'ada@example.com'), row('password', 'hunter2')],
        text: `key=${API_KEY}`,
      }),
    );
    const json = JSON.stringify(kept.draft);
    for (const secret of [API_KEY, JWT, 'hunter2', 'abc']) expect(json).not.toContain(secret);
    expect(kept.draft.query).toEqual([row('token', 'REDACTED'), row('limit', '5')]);
    expect(kept.draft.headers).toEqual([row('Authorization', 'REDACTED'), row('X-Empty-Token', '')]);
    expect(kept.draft.formFields).toEqual([row('username', 'ada@example.com'), row('password', 'REDACTED')]);
    expect(JSON.parse(kept.draft.jsonText)).toEqual({ password: 'REDACTED', title: 'ink' });
    expect(kept.notKept).toEqual(['path', 'query parameter token', 'header Authorization', 'JSON body', 'text body', 'form field password']);
  });

  it('leaves a body too large to keep out, and says so', () => {
    const kept = keptDraft(draft({ bodyKind: 'json', jsonText: `"${'x'.repeat(MAX_KEPT_BODY_CHARS)}"` }));
    expect(kept.draft.jsonText).toBe('');
    expect(kept.notKept).toEqual(['JSON body (larger than 256 KB)']);
  });
});

describe('the tabs store', () => {
  it('keeps each account’s tabs apart, with its active tab, and the divider for all', () => {
    const kv = new MemoryKv();
    const store = new TabsStore(kv);
    store.save('acc_a', [{ id: 't1', draft: draft({ path: '/a' }) }, { id: 't2', draft: draft({ path: '/b' }) }], 't2', 35);
    store.save('acc_b', [{ id: 't3', draft: draft({ path: '/c' }) }], 't3', 60);
    const a = store.load('acc_a');
    expect(a.tabs.map((t) => [t.id, t.draft.path])).toEqual([['t1', '/a'], ['t2', '/b']]);
    expect(a.activeTabId).toBe('t2');
    expect(a.split).toBe(60);
    expect(store.load('acc_b').tabs.map((t) => t.id)).toEqual(['t3']);
    expect(store.load('acc_new')).toEqual({ tabs: [], activeTabId: null, split: 60 });
  });

  it('never writes a secret to the settings file, and answers what it did not keep', () => {
    const kv = new MemoryKv();
    const written: string[] = [];
    kv.onWrite = (json) => written.push(json);
    const kept = new TabsStore(kv).save('acc_a', [{ id: 't1', draft: draft({ headers: [row('X-Api-Key', API_KEY)] }) }], 't1', 50);
    expect(kept.tabs[0]!.notKept).toEqual(['header X-Api-Key']);
    expect(written.length).toBe(1);
    expect(written[0]).not.toContain(API_KEY);
  });

  it('forgets an account’s tabs', () => {
    const kv = new MemoryKv();
    const store = new TabsStore(kv);
    store.save('acc_a', [{ id: 't1', draft: draft() }], 't1', 50);
    store.save('acc_b', [{ id: 't2', draft: draft() }], 't2', 50);
    store.removeAccount('acc_a');
    expect(store.load('acc_a').tabs).toEqual([]);
    expect(store.load('acc_b').tabs.map((t) => t.id)).toEqual(['t2']);
  });

  it('reads a damaged or hand-edited file safely: bad tabs dropped, secrets judged again, limits held', () => {
    const kv = new MemoryKv();
    kv.set(TABS_KEY, {
      split: 500,
      accounts: {
        acc_a: {
          activeTabId: 'missing',
          tabs: [
            { id: 'ok', draft: draft({ headers: [row('Authorization', API_KEY)] }), notKept: ['header Authorization', 7] },
            { id: 'no-draft' },
            { id: 'bad-method', draft: { ...draft(), method: 'TRACE' } },
            { id: 'extra-key', draft: { ...draft(), injected: true } },
            'not a tab',
            ...Array.from({ length: MAX_TABS + 5 }, (_, i) => ({ id: `more-${i}`, draft: draft() })),
          ],
        },
      },
    });
    const loaded = new TabsStore(kv).load('acc_a');
    expect(loaded.split).toBe(50);
    expect(loaded.activeTabId).toBeNull();
    expect(loaded.tabs[0]).toEqual({ id: 'ok', draft: draft({ headers: [row('Authorization', 'REDACTED')] }), notKept: ['header Authorization'] });
    expect(loaded.tabs.map((t) => t.id)).not.toContain('no-draft');
    expect(loaded.tabs.map((t) => t.id)).not.toContain('bad-method');
    expect(loaded.tabs.map((t) => t.id)).not.toContain('extra-key');
    expect(loaded.tabs.length).toBeLessThanOrEqual(MAX_TABS);
    expect(JSON.stringify(loaded)).not.toContain(API_KEY);
  });
});
