import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as jsonc from 'jsonc-parser';
import { JsonTree } from '../../src-renderer/features/tester/json-tree';
import { jsonText, type JsonDocument } from '../../src-renderer/features/tester/json-text';
import { useAppStore } from '../../src-renderer/store';
import { Backend, useEmulator } from './real-backend';
import {
  button,
  byLabel,
  click,
  editorText,
  editorTextNow,
  goTo,
  hasText,
  pageText,
  press,
  queryButton,
  queryByLabel,
  renderApp,
  type,
  waitFor,
} from './helpers';

const roots: Root[] = [];

afterEach(async () => {
  for (const root of roots.splice(0)) await act(async () => root.unmount());
});

// Spies on the parser, to count how often the tester parses and formats a body.
vi.mock('jsonc-parser', async (importOriginal) => {
  const actual = await importOriginal<typeof import('jsonc-parser')>();
  return {
    ...actual,
    parseTree: vi.fn(actual.parseTree),
    format: vi.fn(actual.format),
    visit: vi.fn(actual.visit),
    createScanner: vi.fn(actual.createScanner),
  };
});

beforeEach(() => vi.clearAllMocks());

const isDoc = (value: unknown): value is JsonDocument => typeof value === 'object' && value !== null && 'root' in value && 'text' in value;

/** The tree of a JSON text, as the tester builds it. */
function docOf(text: string): JsonDocument {
  const tree = jsonText(text).tree();
  if (!tree.ok) throw new Error(tree.note);
  return tree.value;
}

/** Mounts the tree alone, as the tester does with a parsed body (a value, a JSON text as sent, or its tree). */
async function mountTree(value: unknown): Promise<HTMLElement> {
  const doc = isDoc(value) ? value : docOf(typeof value === 'string' ? value : JSON.stringify(value));
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  roots.push(root);
  await act(async () => root.render(<JsonTree doc={doc} />));
  return container;
}

const tree = () => byLabel<HTMLUListElement>('Response tree');
const expanded = (name: string) => button(name).getAttribute('aria-expanded');
const toggles = () => Array.from(tree().querySelectorAll<HTMLButtonElement>('button.jt-toggle'));
const leaves = () => tree().querySelectorAll('.jt-leaf').length;

const profile = {
  user: { name: 'Ada', address: { city: 'London', zip: 'N1' } },
  tags: ['a', 'b', 'c'],
  active: true,
  deleted: null,
};

describe('JSON tree', () => {
  it('shows objects and arrays as buttons named by key and size, open at the top two levels only', async () => {
    await mountTree(profile);
    expect(expanded('root {4}')).toBe('true');
    expect(expanded('user {2}')).toBe('true');
    expect(expanded('tags [3]')).toBe('true');
    expect(expanded('address {2}')).toBe('false');
    // A closed node mounts nothing below it.
    expect(tree().textContent).not.toContain('London');
    expect(tree().textContent).toContain('name: "Ada"');
    expect(tree().textContent).toContain('active: true');
    expect(tree().textContent).toContain('deleted: null');
  });

  it('opens and closes a node with a click', async () => {
    await mountTree(profile);
    await click(button('address {2}'));
    expect(expanded('address {2}')).toBe('true');
    expect(tree().textContent).toContain('city: "London"');
    await click(button('user {2}'));
    expect(expanded('user {2}')).toBe('false');
    expect(queryButton('address {2}')).toBeNull();
  });

  it('moves and opens with the arrow keys, Home and End', async () => {
    await mountTree(profile);
    button('root {4}').focus();
    await press('ArrowDown');
    expect(document.activeElement).toBe(button('user {2}'));
    await press('ArrowDown');
    expect(document.activeElement).toBe(button('address {2}'));
    await press('ArrowRight');
    expect(expanded('address {2}')).toBe('true');
    expect(tree().textContent).toContain('zip: "N1"');
    await press('ArrowLeft');
    expect(expanded('address {2}')).toBe('false');
    await press('ArrowLeft');
    expect(document.activeElement).toBe(button('user {2}'));
    await press('ArrowLeft');
    expect(expanded('user {2}')).toBe('false');
    await press('ArrowRight');
    expect(expanded('user {2}')).toBe('true');
    await press('ArrowRight');
    expect(document.activeElement).toBe(button('address {2}'));
    await press('End');
    expect(document.activeElement).toBe(button('tags [3]'));
    await press('Home');
    expect(document.activeElement).toBe(button('root {4}'));
    await press('ArrowUp');
    expect(document.activeElement).toBe(button('root {4}'));
  });

  it('mounts the first 100 children of a large array, and 100 more with each Show more', async () => {
    await mountTree({ items: Array.from({ length: 1_000 }, (_, i) => i) });
    expect(leaves()).toBe(100);
    expect(pageText()).toContain('Showing 100 of 1000.');
    await click(button('Show more'));
    expect(leaves()).toBe(200);
    expect(pageText()).toContain('Showing 200 of 1000.');
    expect(tree().textContent).toContain('199: 199');
    expect(tree().textContent).not.toContain('200: 200');
  });

  it('keeps a 10 MB document to a few thousand DOM nodes, with no Expand all', async () => {
    const rows = Array.from({ length: 120_000 }, (_, i) => ({ id: i, title: `item ${i}`, tags: ['x', 'y'], owner: { email: `u${i}@example.test` } }));
    const text = JSON.stringify({ data: rows, count: rows.length });
    expect(text.length).toBeGreaterThan(10_000_000);
    // jsonc-parser's tree of 10 MB takes about a second on its own (JSON.parse: a fifth of it), the price of exact
    // numbers and duplicate keys; the bound here only catches a parser gone quadratic. Mounting is timed apart.
    let started = performance.now();
    const doc = docOf(text);
    expect(performance.now() - started).toBeLessThan(6_000);
    started = performance.now();
    await mountTree(doc);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(tree().querySelectorAll('*').length).toBeLessThan(3_000);
    expect(expanded('data [120000]')).toBe('true');
    expect(expanded('0 {4}')).toBe('false');
    expect(queryButton('Expand all')).toBeNull();
    await click(button('Show more'));
    expect(tree().querySelectorAll('*').length).toBeLessThan(6_000);
  });

  it('expands and collapses everything in a small document', async () => {
    await mountTree({ a: { b: { c: { d: [1, { e: 2 }] } } }, f: [[1], [2]] });
    await click(button('Expand all'));
    expect(toggles().every((t) => t.getAttribute('aria-expanded') === 'true')).toBe(true);
    expect(tree().textContent).toContain('e: 2');
    await click(button('Collapse all'));
    expect(toggles().map((t) => t.getAttribute('aria-expanded'))).toEqual(['true', 'false', 'false']);
  });

  it('searches keys and values: opens the branches to the matches, hides the rest and marks the text', async () => {
    const items = Array.from({ length: 5_000 }, (_, i) => ({ id: i, title: i === 4321 ? 'Find the Needle here' : `item ${i}` }));
    await mountTree({ items, meta: { needleCount: 1, other: 'x' } });
    await type(byLabel('Search'), 'needle');
    await waitFor(() => pageText().includes('2 matches.'));
    expect(expanded('4321 {2}')).toBe('true');
    expect(Array.from(tree().querySelectorAll('mark')).map((m) => m.textContent)).toEqual(['Needle', 'needle']);
    // Only the branches that lead to a match are left.
    expect(queryButton('0 {2}')).toBeNull();
    expect(tree().textContent).not.toContain('other');
    expect(queryButton('Expand all')).toBeNull();
    await click(button('4321 {2}'));
    expect(expanded('4321 {2}')).toBe('false');

    await type(byLabel('Search'), 'no such thing');
    await waitFor(() => pageText().includes('No matches.'));
    expect(expanded('root {2}')).toBe('false');

    await type(byLabel('Search'), '');
    await waitFor(() => queryButton('0 {2}'));
    expect(tree().querySelector('mark')).toBeNull();
    expect(expanded('items [5000]')).toBe('true');
  });

  it('stops a search at 200 matches and pages them', async () => {
    await mountTree(Array.from({ length: 1_000 }, (_, i) => `match ${i}`));
    await type(byLabel('Search'), 'match');
    await waitFor(() => pageText().includes('The first 200 matches.'));
    expect(leaves()).toBe(100);
    expect(pageText()).toContain('Showing 100 of 200 matching.');
    await click(button('Show more'));
    expect(leaves()).toBe(200);
    expect(queryButton('Show more')).toBeNull();
  });

  it('cuts a very long string value and says how much is left out', async () => {
    await mountTree({ blob: 'z'.repeat(50_000) });
    expect(tree().textContent!.length).toBeLessThan(1_200);
    expect(pageText()).toContain('… 49000 more characters');
  });
});

describe('JSON tree in the request tester', () => {
  const emulator = useEmulator();

  /** Signs in, opens the tester and sends `GET /api/v1/users/me`; answers the body main sent. */
  async function sendProfileRequest(beforeSend: () => Promise<void> = async () => {}): Promise<string> {
    const main = new Backend(emulator.current);
    await main.signIn('ada@deepcurrent.test', 'api-key');
    await renderApp(main);
    await goTo('Request tester');
    await waitFor(() => byLabel<HTMLSelectElement>('Endpoint').options.length > 1);
    await main.settle();
    await beforeSend();
    await click(button('Send'));
    await waitFor(() => hasText('200 OK'));
    return useAppStore.getState().tester.response!.text;
  }

  /** Sends the profile request while the server answers exactly `text` (a JSON content type). */
  async function sendWithBody(text: string): Promise<string> {
    return sendProfileRequest(() => emulator.current.fault({ mode: 'body', path: '/api/v1/users/me', times: 1, body: text }));
  }

  it('offers Tree beside Pretty and Raw, and parses and formats the body at most once each', async () => {
    const text = JSON.stringify({ email: 'ada@deepcurrent.test', plan: { name: 'pro', seats: 3 } });
    const calls = (fn: unknown) => vi.mocked(fn as (t: string) => unknown).mock.calls.filter(([arg]) => arg === text).length;
    await sendWithBody(text);
    expect(await editorText('Response body')).toContain('"email": "ada@deepcurrent.test"');
    expect(calls(jsonc.parseTree)).toBe(0);
    await click(button('Tree'));
    expect(button('Tree').getAttribute('aria-pressed')).toBe('true');
    expect(queryByLabel('Response body')).toBeNull();
    expect(expanded('plan {2}')).toBe('true');
    expect(tree().textContent).toContain('seats: 3');
    await click(button('Raw'));
    expect(await editorText('Response body')).toBe(text);
    await click(button('Tree'));
    await click(button('Pretty'));
    expect(await editorText('Response body')).toContain('"seats": 3');
    expect(calls(jsonc.parseTree)).toBe(1);
    // Pretty is made by the scanner, once: showing it again takes the text made the first time.
    expect(calls(jsonc.createScanner)).toBe(1);
    expect(calls(jsonc.format)).toBe(0);
  });

  it('shows Raw exactly as received: compact stays compact, spacing and key order as sent', async () => {
    await sendWithBody('{"a":1,"b":[1,2]}');
    await click(button('Raw'));
    expect(await editorText('Response body')).toBe('{"a":1,"b":[1,2]}');
    await click(button('Pretty'));
    expect(await editorText('Response body')).toBe('{\n  "a": 1,\n  "b": [\n    1,\n    2\n  ]\n}');
    const spaced = '{ "z" :1,\n\t"a": [ 2 ,1 ] }';
    await sendWithBody(spaced);
    await click(button('Raw'));
    expect(await editorText('Response body')).toBe(spaced);
  });

  it('shows numbers and duplicate keys exactly as sent in Pretty and Tree', async () => {
    await sendWithBody('{"id":12345678901234567890,"f":1.0,"e":1e400,"z":-0,"a":1,"a":"two"}');
    expect(await editorText('Response body')).toBe(
      '{\n  "id": 12345678901234567890,\n  "f": 1.0,\n  "e": 1e400,\n  "z": -0,\n  "a": 1,\n  "a": "two"\n}',
    );
    await click(button('Tree'));
    const rows = Array.from(tree().querySelectorAll('.jt-leaf')).map((leaf) => leaf.textContent);
    expect(rows).toEqual(['id: 12345678901234567890', 'f: 1.0', 'e: 1e400', 'z: -0', 'a: 1', 'a: "two"']);
    expect(expanded('root {6}')).toBe('true');
  });

  it('shows a body that is not complete JSON raw, without a Tree', async () => {
    const text = await sendProfileRequest(() => emulator.current.fault({ mode: 'invalid-json', path: '/api/v1/users/me', times: 1 }));
    // Main sends a JSON body that does not parse as text: the window shows it raw and offers no Tree.
    expect(text).toBe('{"id": "u_0000", "email": "ada@deepcurrent.test", "full_name": "Ada Lov');
    expect(await editorText('Response body')).toBe(text);
    expect(queryButton('Tree')).toBeNull();
    expect(queryByLabel('Response tree')).toBeNull();
  });

  it('shows a body nested too deeply for the parser raw, saying so', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    await sendWithBody(deep);
    await waitFor(() => pageText().includes('nested too deeply to pretty-print'));
    expect(editorTextNow('Response body')).toBe(deep);
    await click(button('Tree'));
    expect(pageText()).toContain('nested too deeply to show as a tree');
    expect(await editorText('Response body')).toBe(deep);
  });
});

describe('JSON tree search', () => {
  it('finds numbers by their text as sent, and each duplicate key', async () => {
    await mountTree('{"big":12345678901234567890,"a":{"x":1},"a":{"x":2}}');
    await type(byLabel('Search'), '678901234567890');
    await waitFor(() => pageText().includes('1 match.'));
    expect(tree().querySelector('mark')?.textContent).toBe('678901234567890');
    await type(byLabel('Search'), 'x');
    await waitFor(() => pageText().includes('2 matches.'));
    expect(toggles().map((t) => t.textContent)).toEqual(['root {3}', 'a {1}', 'a {1}']);
    expect(tree().textContent).toContain('x: 1');
    expect(tree().textContent).toContain('x: 2');
  });
});
