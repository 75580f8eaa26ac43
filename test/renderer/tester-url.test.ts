/**
 * The URL field and the Query table in sync (pure): typing in the URL rewrites the enabled rows and keeps the
 * disabled ones; editing the table rewrites the URL's query; a path and rows from elsewhere become one URL text.
 */
import { describe, expect, it } from 'vitest';
import { newRow } from '../../src-renderer/store/tester-draft';
import { pathPart, relativeToEnvironment, urlFrom, withQueryRows, withUrlText } from '../../src-renderer/store/tester-url';

const plain = (rows: { name: string; value: string; enabled: boolean }[]) => rows.map(({ name, value, enabled }) => ({ name, value, enabled }));

describe('the URL and the Query table', () => {
  it('typing a query fills the enabled rows, keeps a disabled row and the text as typed', () => {
    const off = newRow('debug', '1', false);
    const next = withUrlText({ query: [newRow('old', 'x'), off] }, '/api/v1/items?limit=5&skip=');
    expect(next.path).toBe('/api/v1/items?limit=5&skip=');
    expect(plain(next.query)).toEqual([
      { name: 'limit', value: '5', enabled: true },
      { name: 'skip', value: '', enabled: true },
      { name: 'debug', value: '1', enabled: false },
    ]);
  });

  it('keeps the rows’ ids while typing, so the table does not remount', () => {
    const first = withUrlText({ query: [] }, '/x?a=1');
    const second = withUrlText(first, '/x?a=12');
    expect(second.query[0]!.id).toBe(first.query[0]!.id);
  });

  it('editing the table rewrites the query, a fragment dropped', () => {
    const rows = [newRow('q', 'a b'), newRow('off', '1', false)];
    expect(withQueryRows({ path: '/api/v1/items?old=1#top' }, rows).path).toBe('/api/v1/items?q=a%20b');
    expect(withQueryRows({ path: '/api/v1/items?old=1' }, []).path).toBe('/api/v1/items');
  });

  it('a path with a query and rows from elsewhere become one URL text', () => {
    const { path, query } = urlFrom('/api/v1/items?limit=5', [newRow('skip', '10')]);
    expect(path).toBe('/api/v1/items?limit=5&skip=10');
    expect(plain(query).map((r) => r.name)).toEqual(['limit', 'skip']);
    expect(pathPart('/api/v1/items?x=1#f')).toBe('/api/v1/items');
    expect(pathPart('/api/v1/items#f')).toBe('/api/v1/items');
  });
});

describe('a full URL pasted into the URL field', () => {
  it.each([
    ['http://127.0.0.1:8000/api/v1/items?limit=5&q=a%20b', 'http://127.0.0.1:8000', '/api/v1/items?limit=5&q=a%20b'],
    ['http://127.0.0.1:8000?x=1', 'http://127.0.0.1:8000', '/?x=1'],
    ['http://127.0.0.1:8000', 'http://127.0.0.1:8000', '/'],
    ['https://host.example/prefix/api/v1/items', 'https://host.example/prefix', '/api/v1/items'],
    ['https://host.example/prefix', 'https://host.example/prefix', '/'],
  ])('%s on %s becomes %s', (text, base, expected) => {
    expect(relativeToEnvironment(text, base)).toBe(expected);
  });

  it.each([
    ['https://evil.example/api/v1/items', 'http://127.0.0.1:8000'],
    ['http://127.0.0.1:9999/api', 'http://127.0.0.1:8000'],
    ['https://host.example/other/x', 'https://host.example/prefix'],
    ['http://ada:pw@127.0.0.1:8000/x', 'http://127.0.0.1:8000'],
    ['/api/v1/items', 'http://127.0.0.1:8000'],
  ])('%s on %s stays as given', (text, base) => {
    expect(relativeToEnvironment(text, base)).toBe(text);
  });
});
