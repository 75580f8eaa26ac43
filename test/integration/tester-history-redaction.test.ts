/**
 * A raw (`text`) body sent as JSON keeps its secrets out of history, whichever way the JSON type was given: as the
 * body's content type or as a typed `Content-Type` header row (which is what goes on the wire when both are set).
 * Sent through the tester handlers to the emulator's echo; checked in the history list and in the settings file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComposedRequest } from '../../src-shared/tester';
import { startTester, value, type TesterFixture } from '../helpers/tester-context';

const SECRET = 'hunter2-secret';
const text = JSON.stringify({ email: 'ada@deepcurrent.test', password: SECRET });
const contentType = (type: string) => [{ name: 'Content-Type', value: type, enabled: true }];

const cases: Array<{ how: string; request: Partial<ComposedRequest> }> = [
  { how: 'the body content type application/json', request: { body: { kind: 'text', text, contentType: 'application/json' } } },
  { how: 'a Content-Type: application/json header', request: { headers: contentType('application/json'), body: { kind: 'text', text } } },
  {
    how: 'a content-type header with parameters, over a text/plain body type',
    request: { headers: [{ name: ' content-type ', value: 'application/json; charset=utf-8', enabled: true }], body: { kind: 'text', text, contentType: 'text/plain' } },
  },
  { how: 'a JSON-suffixed header type (application/vnd.api+json)', request: { headers: contentType('application/vnd.api+json'), body: { kind: 'text', text } } },
];

let f: TesterFixture;
beforeAll(async () => {
  f = await startTester({ storage: 'settings-file' });
});
afterAll(() => f?.close());

describe('history of a raw body sent as JSON', () => {
  it.each(cases)('redacts the password given with $how', async ({ request }) => {
    value(await f.handlers.clearHistory({}));
    const r = value(await f.send({ method: 'POST', path: '/api/v1/__echo', auth: 'none', ...request }));
    expect(r.status).toBe(200);
    expect((JSON.parse(r.text) as { json: unknown }).json).toEqual({ email: 'ada@deepcurrent.test', password: SECRET }); // sent as typed

    const [entry] = value(await f.handlers.listHistory({}));
    expect(entry!.request.body).toMatchObject({ kind: 'text', text: JSON.stringify({ email: 'ada@deepcurrent.test', password: 'REDACTED' }) });

    f.restart(); // writes history to the settings file, as on quit
    expect(f.kvText()).toContain('ada@deepcurrent.test');
    expect(f.kvText()).not.toContain(SECRET);
    expect(JSON.stringify(value(await f.handlers.listHistory({})))).not.toContain(SECRET);
  });
});
