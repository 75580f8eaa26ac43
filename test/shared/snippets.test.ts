import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSnippet, type SnippetTarget } from '../../src-shared/snippets';
import type { ComposedRequest } from '../../src-shared/tester';

const BASE = 'https://api.deepcurrent.app';
const KEY = `dc_${'Zz9_-x'.repeat(7)}`;
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1XzEyMyIsImV4cCI6OTk5OTk5OTk5OX0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
/** Everything that breaks naive quoting in a shell, Python or JavaScript. */
const NASTY = `it's "quoted" $HOME \`id\` \\ back $(echo no) ü 日本 🚀`;
const TARGETS: SnippetTarget[] = ['curl', 'python', 'fetch', 'httpie'];

function req(patch: Partial<ComposedRequest> = {}): ComposedRequest {
  return { method: 'GET', path: '/api/v1/users/me', query: [], headers: [], body: { kind: 'none' }, auth: 'api-key', ...patch };
}

const work = mkdtempSync(join(tmpdir(), 'snippets-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What a snippet sends, observed by running it against a stand-in for the client. */
interface Sent {
  args?: string[];
  method?: string;
  url?: string;
  headers?: Record<string, string>;
  body?: unknown;
}

const ENV = { ...process.env, DEEPCURRENT_API_KEY: 'KEY-FROM-ENV', DEEPCURRENT_TOKEN: 'TOKEN-FROM-ENV', HOME: '/home/x' };

/** Runs a shell snippet with `curl`/`http` replaced by a function that prints its arguments. */
function runShell(snippet: string, command: 'curl' | 'http'): string[] {
  const script = `${command}() { for a in "$@"; do printf '%s\\0' "$a"; done; }\n${snippet}\n`;
  const out = execFileSync('bash', ['-c', script], { env: ENV, encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

const hasPython = spawnSync('python3', ['--version']).status === 0;

/** Runs a Python snippet with a stand-in `requests` module that prints the call. */
function runPython(snippet: string): Sent {
  writeFileSync(
    join(work, 'requests.py'),
    [
      'import json as _json',
      'class _R:',
      '    status_code = 200',
      '    text = ""',
      'def _make(method):',
      '    def call(url, headers=None, json=None, data=None):',
      '        body = json',
      '        if isinstance(data, bytes): body = data.decode("utf-8")',
      '        elif isinstance(data, dict): body = [[k, v] for k, v in data.items()]',
      '        elif isinstance(data, list): body = [list(p) for p in data]',
      '        print("SENT" + _json.dumps({"method": method, "url": url, "headers": headers or {}, "body": body}))',
      '        return _R()',
      '    return call',
      'for _m in ["get", "post", "put", "patch", "delete", "head", "options"]:',
      '    globals()[_m] = _make(_m.upper())',
    ].join('\n'),
  );
  const file = join(work, 'snippet.py');
  writeFileSync(file, snippet);
  const out = execFileSync('python3', [file], { env: { ...ENV, PYTHONPATH: work }, encoding: 'utf8' });
  return JSON.parse(out.split('\n').find((l) => l.startsWith('SENT'))!.slice(4)) as Sent;
}

/** Runs a JavaScript snippet with a stand-in `fetch` that prints the call. */
function runFetch(snippet: string): Sent {
  const file = join(work, 'snippet.mjs');
  writeFileSync(
    file,
    [
      'globalThis.fetch = async (url, o) => {',
      '  const body = o.body instanceof URLSearchParams ? [...o.body] : o.body;',
      '  console.log("SENT" + JSON.stringify({ method: o.method, url, headers: o.headers ?? {}, body }));',
      '  return { status: 200, text: async () => "" };',
      '};',
      snippet,
    ].join('\n'),
  );
  const out = execFileSync(process.execPath, [file], { env: ENV, encoding: 'utf8' });
  return JSON.parse(out.split('\n').find((l) => l.startsWith('SENT'))!.slice(4)) as Sent;
}

describe('snippets in the style of the docs', () => {
  it('writes curl like the docs, with the API key from $DEEPCURRENT_API_KEY', () => {
    expect(buildSnippet('curl', req(), BASE)).toBe(
      'curl -X GET https://api.deepcurrent.app/api/v1/users/me \\\n  -H "Authorization: Bearer $DEEPCURRENT_API_KEY"',
    );
  });

  it('writes Python requests with os.environ["DEEPCURRENT_API_KEY"]', () => {
    const py = buildSnippet('python', req(), BASE);
    expect(py).toContain('import requests');
    expect(py).toContain('"Authorization": "Bearer " + os.environ["DEEPCURRENT_API_KEY"]');
    expect(py).toContain('requests.get(\n    "https://api.deepcurrent.app/api/v1/users/me"');
  });

  it('writes JavaScript fetch with process.env.DEEPCURRENT_API_KEY', () => {
    const js = buildSnippet('fetch', req(), BASE);
    expect(js).toContain('await fetch("https://api.deepcurrent.app/api/v1/users/me"');
    expect(js).toContain('Authorization: `Bearer ${process.env.DEEPCURRENT_API_KEY}`');
  });

  it('writes HTTPie with "Authorization:Bearer $DEEPCURRENT_API_KEY"', () => {
    expect(buildSnippet('httpie', req(), BASE)).toBe(
      'http GET https://api.deepcurrent.app/api/v1/users/me \\\n  "Authorization:Bearer $DEEPCURRENT_API_KEY"',
    );
  });

  it.each(TARGETS)('%s uses $DEEPCURRENT_TOKEN for the session token and no Authorization for none', (target) => {
    const token = buildSnippet(target, req({ auth: 'token' }), BASE);
    expect(token).toContain('DEEPCURRENT_TOKEN');
    expect(token).not.toContain('DEEPCURRENT_API_KEY');
    const none = buildSnippet(target, req({ auth: 'none' }), BASE);
    expect(none).not.toContain('Authorization');
    expect(none).not.toContain('DEEPCURRENT_');
  });

  it.each(TARGETS)('%s leaves the credential out for a URL off the environment, as the app refuses to send it', (target) => {
    for (const path of ['https://evil.example/api/v1/users/me', '//evil.example/x', 'https://api.deepcurrent.app@evil.example/']) {
      const snippet = buildSnippet(target, req({ path }), BASE);
      expect(snippet).toContain('evil.example');
      expect(snippet).not.toContain('DEEPCURRENT_API_KEY');
      expect(snippet).not.toContain('Authorization');
    }
    expect(buildSnippet(target, req({ path: `${BASE}/api/v1/usage` }), BASE)).toContain('DEEPCURRENT_API_KEY');
  });

  it('uses curl --head for HEAD (curl -X HEAD would wait for a body)', () => {
    expect(buildSnippet('curl', req({ method: 'HEAD' }), BASE)).toMatch(/^curl --head /);
  });
});

describe('snippets never hold a secret', () => {
  const leaky = req({
    method: 'POST',
    path: `/api/v1/items/${KEY}`,
    query: [{ name: 'token', value: JWT, enabled: true }],
    headers: [
      { name: 'Authorization', value: `Bearer ${KEY}`, enabled: true },
      { name: 'X-API-Key', value: KEY, enabled: true },
      { name: 'X-Note', value: JWT, enabled: true },
    ],
    body: { kind: 'json', text: `{"key": "${KEY}", "jwt": "${JWT}", "password": "hunter2"}` },
  });

  it.each(TARGETS)('%s holds neither the dc_ key nor the JWT typed anywhere in the request', (target) => {
    for (const auth of ['api-key', 'token', 'none'] as const) {
      const snippet = buildSnippet(target, { ...leaky, auth }, BASE);
      expect(snippet).not.toContain(KEY.slice(3, 20));
      expect(snippet).not.toContain(JWT.split('.')[1]!);
      expect(snippet).not.toContain('hunter2');
    }
  });
});

describe('snippets quote every value correctly (run against stand-ins for the clients)', () => {
  const tricky = req({
    method: 'POST',
    path: '/api/v1/__echo',
    query: [{ name: 'q', value: NASTY, enabled: true }],
    headers: [{ name: 'X-Note', value: NASTY, enabled: true }],
    body: { kind: 'json', text: `{\n  "title": ${JSON.stringify(`${NASTY}\nsecond line`)},\n  "n": 12, "ok": true, "none": null, "list": [1.5, "x"]\n}` },
  });
  const url = new URL(`${BASE}/api/v1/__echo?q=${encodeURIComponent(NASTY)}`).href;
  const body = JSON.parse((tricky.body as { text: string }).text) as unknown;

  it('curl: every argument arrives intact, the credential from the environment', () => {
    const args = runShell(buildSnippet('curl', tricky, BASE), 'curl');
    expect(args).toEqual([
      '-X',
      'POST',
      url,
      '-H',
      'Authorization: Bearer KEY-FROM-ENV',
      '-H',
      `X-Note: ${NASTY}`,
      '-H',
      'Content-Type: application/json',
      '--data-raw',
      (tricky.body as { text: string }).text,
    ]);
  });

  it('curl: a form body and a raw text body with newlines arrive intact', () => {
    const form = runShell(
      buildSnippet('curl', req({ method: 'POST', auth: 'none', body: { kind: 'form', fields: [{ name: 'a b', value: NASTY, enabled: true }] } }), BASE),
      'curl',
    );
    expect(new URLSearchParams(form[form.length - 1]).get('a b')).toBe(NASTY);
    const text = runShell(
      buildSnippet('curl', req({ method: 'PUT', auth: 'none', body: { kind: 'text', text: `${NASTY}\n'\n` } }), BASE),
      'curl',
    );
    expect(text[text.length - 1]).toBe(`${NASTY}\n'\n`);
  });

  it('HTTPie: every argument arrives intact, the credential from the environment', () => {
    const args = runShell(buildSnippet('httpie', { ...tricky, auth: 'token' }, BASE), 'http');
    expect(args).toEqual([
      'POST',
      url,
      'Authorization:Bearer TOKEN-FROM-ENV',
      `X-Note:${NASTY}`,
      'Content-Type:application/json',
      '--raw',
      (tricky.body as { text: string }).text,
    ]);
  });

  it.skipIf(!hasPython)('Python: URL, headers and JSON body arrive intact, the credential from os.environ', () => {
    const sent = runPython(buildSnippet('python', tricky, BASE));
    expect(sent).toEqual({
      method: 'POST',
      url,
      headers: { Authorization: 'Bearer KEY-FROM-ENV', 'X-Note': NASTY },
      body,
    });
  });

  it.skipIf(!hasPython)('Python: form fields (also repeated names) and text bodies arrive intact', () => {
    const fields = [
      { name: 'username', value: NASTY, enabled: true },
      { name: 'tag', value: 'a', enabled: true },
      { name: 'tag', value: 'b', enabled: true },
    ];
    const form = runPython(buildSnippet('python', req({ method: 'POST', auth: 'none', body: { kind: 'form', fields } }), BASE));
    expect(form.body).toEqual([['username', NASTY], ['tag', 'a'], ['tag', 'b']]);
    const text = runPython(buildSnippet('python', req({ method: 'PATCH', body: { kind: 'text', text: `${NASTY}\n\t"end"` } }), BASE));
    expect(text.body).toBe(`${NASTY}\n\t"end"`);
    expect(text.method).toBe('PATCH');
  });

  it('fetch: URL, headers and JSON body arrive intact, the credential from process.env', () => {
    const sent = runFetch(buildSnippet('fetch', tricky, BASE));
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe(url);
    expect(sent.headers).toEqual({ Authorization: 'Bearer KEY-FROM-ENV', 'X-Note': NASTY, 'Content-Type': 'application/json' });
    expect(JSON.parse(sent.body as string)).toEqual(body);
  });

  it('fetch: form fields and text bodies arrive intact', () => {
    const form = runFetch(
      buildSnippet('fetch', req({ method: 'POST', body: { kind: 'form', fields: [{ name: 'n"1', value: NASTY, enabled: true }] } }), BASE),
    );
    expect(form.body).toEqual([['n"1', NASTY]]);
    const text = runFetch(buildSnippet('fetch', req({ method: 'DELETE', auth: 'none', body: { kind: 'text', text: `${NASTY}\u2028\n` } }), BASE));
    expect(text.body).toBe(`${NASTY}\u2028\n`);
    expect(text.headers).toEqual({ 'Content-Type': 'text/plain; charset=utf-8' });
  });
});
