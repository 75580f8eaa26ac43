/**
 * Base URLs as people type them (issue part 7, item 4): `checkBaseUrl` normalises what is only spelt differently and
 * drops the `/api/v1` the app adds itself, saying so; what cannot be a DeepCurrent base URL is explained.
 */
import { describe, expect, it } from 'vitest';
import { checkBaseUrl } from '../../src-shared/environments';

const NOTE = (url: string) => `Using ${url} — the app adds /api/v1 itself.`;

describe('checkBaseUrl', () => {
  it.each([
    ['https://api.example.com', 'https://api.example.com', null],
    ['  https://api.example.com  ', 'https://api.example.com', null],
    ['https://api.example.com/', 'https://api.example.com', null],
    ['https://api.example.com///', 'https://api.example.com', null],
    ['https://API.Example.COM', 'https://api.example.com', null],
    ['HTTPS://api.example.com', 'https://api.example.com', null],
    ['https://api.example.com:443', 'https://api.example.com', null],
    ['https://api.example.com:443/', 'https://api.example.com', null],
    ['https://api.example.com:8443', 'https://api.example.com:8443', null],
    ['http://127.0.0.1:80', 'http://127.0.0.1', null],
    ['http://LOCALHOST:8080/', 'http://localhost:8080', null],
    ['https://api.example.com/DeepCurrent/', 'https://api.example.com/DeepCurrent', null],
    ['https://api.example.com/api/v1', 'https://api.example.com', NOTE('https://api.example.com')],
    ['https://api.example.com/api/v1/', 'https://api.example.com', NOTE('https://api.example.com')],
    ['https://API.example.com:443/api/v1//', 'https://api.example.com', NOTE('https://api.example.com')],
    ['https://api.example.com/API/V1', 'https://api.example.com', NOTE('https://api.example.com')],
    ['https://api.example.com/api/v1/api/v1', 'https://api.example.com', NOTE('https://api.example.com')],
    ['https://example.com/deepcurrent/api/v1/', 'https://example.com/deepcurrent', NOTE('https://example.com/deepcurrent')],
    ['http://127.0.0.1:8787/api/v1/', 'http://127.0.0.1:8787', NOTE('http://127.0.0.1:8787')],
    // Not the API's root: left as typed (a sign-in there finds no API and says so).
    ['https://api.example.com/api/v1/users/me', 'https://api.example.com/api/v1/users/me', null],
    ['https://api.example.com/api/v2', 'https://api.example.com/api/v2', null],
    ['https://api.example.com/xapi/v1', 'https://api.example.com/xapi/v1', null],
  ])('%j → %j', (input, baseUrl, note) => {
    expect(checkBaseUrl(input)).toEqual({ ok: true, value: { baseUrl, note } });
  });

  it.each([
    ['api.example.com', 'Enter a full URL, such as https://api.example.com.'],
    ['', 'Enter a full URL, such as https://api.example.com.'],
    ['ftp://api.example.com', 'The URL must start with https://.'],
    ['http://api.example.com', 'Plain http:// is allowed only for this computer (127.0.0.1 or localhost); use https://.'],
    ['https://ada:secret@api.example.com', 'The URL must not contain a user name or password.'],
    ['https://api.example.com/api/v1?x=1', 'The URL must not contain a query or a fragment.'],
    ['https://api.example.com/#top', 'The URL must not contain a query or a fragment.'],
  ])('refuses %j: %s', (input, message) => {
    expect(checkBaseUrl(input)).toEqual({ ok: false, error: message });
  });

  it('changes nothing when checking its own answer again (stored accounts are checked again on every use)', () => {
    for (const input of ['https://API.example.com:443/api/v1/api/v1/', 'https://example.com/a/api/v1', 'http://[::1]:80/']) {
      const first = checkBaseUrl(input);
      if (!first.ok) throw new Error(first.error);
      expect(checkBaseUrl(first.value.baseUrl)).toEqual({ ok: true, value: { baseUrl: first.value.baseUrl, note: null } });
    }
  });
});
