import { describe, expect, it } from 'vitest';
import {
  FORBIDDEN_EXPLANATION,
  HIDDEN_CREDENTIALS_NOTE,
  rejectionDetail,
  NO_CREDENTIAL_SENT_EXPLANATION,
  shapeBody,
  shapeResponse,
  UNAUTHORIZED_EXPLANATION,
} from '../../src-main/tester/tester-response';
import type { RawResponse } from '../../src-main/tester/tester-runner';
import { isRejectedCredential } from '../../src-main/deepcurrent-api';

const enc = new TextEncoder();

function raw(status: number, body = '', headers: [string, string][] = [['content-type', 'application/json']]): RawResponse {
  return { status, statusText: 'X', headers, bytes: enc.encode(body), truncated: false, durationMs: 3 };
}

const shape = (r: RawResponse, sentCredential = true, notes: string[] = []) =>
  shapeResponse(r, { historyId: 'h1', sentCredential, notes });

describe('response bodies', () => {
  it('passes JSON on exactly as received: compact stays compact, numbers, duplicate keys and escapes untouched', () => {
    const sent = '{"id":12345678901234567890,"f":1.0,"e":1e400,"z":-0,"a":[],"s":"say \\"hi\\", ok","a":[1,{"c":null}]}';
    expect(shapeBody(enc.encode(sent), 'application/json', false)).toEqual({ bodyKind: 'json', text: sent });
    const spaced = '{ "b" : [ 2 ,1 ],\r\n\t"a":true }\n';
    expect(shapeBody(enc.encode(spaced), 'application/problem+json', false)).toEqual({ bodyKind: 'json', text: spaced });
  });

  it('shows a JSON content type that does not parse as text, saying where it stops being JSON', () => {
    expect(shapeBody(enc.encode('{"a": tr'), 'application/json; charset=utf-8', false)).toEqual({
      bodyKind: 'text',
      text: '{"a": tr',
      note: 'The body is labelled application/json but is not valid JSON (Unexpected character "t" at line 1, column 7, position 6), so it is shown as text.',
    });
    const r = shape(raw(200, '{\n  "a": 1,\n}'));
    expect(r).toMatchObject({ bodyKind: 'text', text: '{\n  "a": 1,\n}' });
    expect(r.explanation).toBe(
      'The body is labelled application/json but is not valid JSON (A trailing comma is not allowed in JSON at line 2, column 9, position 10), so it is shown as text.',
    );
  });

  it('shows text types as text, decoding the declared charset', () => {
    expect(shapeBody(enc.encode('<a>ü</a>'), 'application/xml', false)).toEqual({ bodyKind: 'text', text: '<a>ü</a>' });
    expect(shapeBody(Uint8Array.from([0x63, 0x61, 0x66, 0xe9]), 'text/plain; charset=iso-8859-1', false).text).toBe('café');
  });

  it('drops a character cut in half by the size cap instead of showing garbage', () => {
    const bytes = enc.encode('abcü').subarray(0, 4);
    expect(shapeBody(bytes, 'text/plain', true).text).toBe('abc');
  });

  it('summarises a binary body as its size and a hex dump of the first 256 bytes', () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => i & 0xff);
    const body = shapeBody(bytes, 'image/png', false);
    expect(body.bodyKind).toBe('binary');
    const lines = body.text.split('\n');
    expect(lines[0]).toBe('Binary body: 1,000 bytes, image/png.');
    expect(lines).toHaveLength(1 + 16 + 1);
    expect(lines[1]).toBe('00000000  00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f  |................|');
    expect(lines[5]).toBe('00000040  40 41 42 43 44 45 46 47 48 49 4a 4b 4c 4d 4e 4f  |@ABCDEFGHIJKLMNO|');
    expect(lines[16]).toMatch(/^000000f0  f0 f1 /);
    expect(lines[17]).toBe('… 744 more bytes not shown');
  });

  it('sniffs a body without a content type: UTF-8 text as text, bytes with NUL as binary', () => {
    expect(shapeBody(enc.encode('plain ü'), '', false)).toEqual({ bodyKind: 'text', text: 'plain ü' });
    expect(shapeBody(Uint8Array.from([1, 0, 2]), '', false).bodyKind).toBe('binary');
  });

  it('reports an empty body as empty', () => {
    expect(shapeBody(new Uint8Array(0), 'application/json', false)).toEqual({ bodyKind: 'empty', text: '' });
  });
});

describe('credentials in responses', () => {
  const KEY = `dc_${'R'.repeat(40)}`;
  const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1XzEifQ.c2lnbmF0dXJl';

  it('hides an API key or a JWT in the body and the headers, and says so', () => {
    const r = shape(
      raw(200, JSON.stringify({ access_token: JWT, token_type: 'bearer', key: KEY }), [
        ['content-type', 'application/json'],
        ['x-echo', `Bearer ${KEY}`],
      ]),
    );
    expect(r.text).not.toContain(JWT);
    expect(r.text).not.toContain(KEY);
    expect(JSON.stringify(r.headers)).not.toContain(KEY);
    expect(r.bodyKind).toBe('json');
    expect(JSON.parse(r.text)).toEqual({ access_token: 'REDACTED_JWT', token_type: 'bearer', key: 'dc_…REDACTED' });
    expect(r.explanation).toBe(HIDDEN_CREDENTIALS_NOTE);
  });

  it('leaves a response without credentials as it was', () => {
    expect(shape(raw(200, '{"a":"dc_short"}')).text).toBe('{"a":"dc_short"}');
  });
});

describe('status explanations in the docs words', () => {
  it('explains 401 and asks to sign in again', () => {
    const r = shape(raw(401, '{"detail":"Could not validate credentials"}'));
    expect(r.explanation).toBe('No credentials provided, or the API key / token is invalid. Sign in again.');
    expect(r.status).toBe(401);
  });

  it('explains a 401 of a request sent without a credential: none was sent, none rejected, no sign-in needed', () => {
    const shaped = shape(raw(401, '{"detail":"Not authenticated"}'), false);
    expect(shaped.explanation).toBe(NO_CREDENTIAL_SENT_EXPLANATION);
    expect(shaped.explanation).toContain('no credential was sent');
    expect(shaped.explanation).not.toContain(UNAUTHORIZED_EXPLANATION);
    expect(shaped.explanation).not.toMatch(/Sign in again/);
    expect(shaped.credentialRejected).toBe(false);
    // The same for a server that answers a missing credential with 403 "Could not validate credentials".
    expect(shape(raw(403, '{"detail":"Could not validate credentials"}'), false).explanation).toBe(NO_CREDENTIAL_SENT_EXPLANATION);
  });

  it('explains 403 as a plan or role question, not a sign-in problem', () => {
    const r = raw(403, '{"detail":"This feature requires a paid plan"}');
    expect(shape(r).explanation).toBe(FORBIDDEN_EXPLANATION);
    expect(isRejectedCredential(r.status, rejectionDetail(r))).toBe(false);
  });

  it('treats 403 "Could not validate credentials" as an invalid credential', () => {
    const r = raw(403, '{"detail":"Could not validate credentials"}');
    expect(isRejectedCredential(r.status, rejectionDetail(r))).toBe(true);
    expect(shape(r).explanation).toBe(`${UNAUTHORIZED_EXPLANATION} Sign in again.`);
  });

  it('explains 404 and 422 (with the FastAPI detail)', () => {
    expect(shape(raw(404, '{"detail":"Not Found"}')).explanation).toMatch(/^Not found/);
    const unprocessable = raw(422, '{"detail":[{"loc":["body","title"],"msg":"String should have at least 1 character","type":"x"}]}');
    expect(shape(unprocessable).explanation).toBe('The server did not accept the input: title: String should have at least 1 character');
  });

  it('reads Retry-After on 429 and 503', () => {
    const limited = shape(raw(429, '{}', [['content-type', 'application/json'], ['retry-after', '42']]));
    expect(limited.retryAfterSeconds).toBe(42);
    expect(limited.explanation).toContain('42 s');
    expect(shape(raw(503, '', [['retry-after', '7']])).retryAfterSeconds).toBe(7);
    expect(shape(raw(200, '{}', [['retry-after', '7']])).retryAfterSeconds).toBeNull();
  });

  it('explains 5xx as the server problem', () => {
    expect(shape(raw(500)).explanation).toMatch(/The server had a problem \(HTTP 500\)/);
  });

  it('reports a redirect as the answer and says it was not followed', () => {
    const r = shape(raw(302, '', [['location', 'https://elsewhere.example/']]));
    expect(r.status).toBe(302);
    expect(r.explanation).toBe(
      'The server redirects to https://elsewhere.example/. The app does not follow redirects, so your credential is never sent to another address.',
    );
  });

  it('has no explanation for an ordinary success, but shows the builder notes', () => {
    expect(shape(raw(200, '{}')).explanation).toBeNull();
    expect(shape(raw(200, '{}'), true, ['Your Host header was not sent.']).explanation).toBe('Your Host header was not sent.');
  });

  it('carries status, size, headers, content type and the history id', () => {
    const r = shape(raw(201, '{"id":"it_1"}', [['content-type', 'application/json'], ['x-a', '1']]));
    expect(r).toMatchObject({
      status: 201,
      sizeBytes: 13,
      headers: [['content-type', 'application/json'], ['x-a', '1']],
      contentType: 'application/json',
      bodyKind: 'json',
      truncated: false,
      historyId: 'h1',
      durationMs: 3,
    });
  });
});
