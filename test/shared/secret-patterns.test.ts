/**
 * The rules of what looks secret: names by pattern (case- and separator-insensitive), values by shape, with the
 * thresholds written down in `src-shared/secret-patterns.ts` — and the ordinary names and values they leave alone.
 */
import { describe, expect, it } from 'vitest';
import { isSecretName, looksLikeCredential, maskCredentialRuns, MIN_BASE64_RUN, MIN_HEX_RUN, REDACTED } from '../../src-shared/secret-patterns';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1XzEiLCJleHAiOjk5OTk5OTk5OTl9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

/** A base64 run of `n` characters that mixes upper case, lower case and digits. */
const mixed = (n: number) => 'Ab3'.repeat(Math.ceil(n / 3)).slice(0, n);

describe('secret names', () => {
  it.each([
    'password',
    'current_password',
    'new_password',
    'passphrase',
    'X-Auth-Token',
    'x_auth_token',
    'XAuthToken',
    'apiKey',
    'api-key',
    'client-secret',
    'client_secret',
    'Authorization',
    'session_id',
    'Cookie',
    'X-Hub-Signature',
    'credentials',
    'ＰＡＳＳＷＯＲＤ',
    'p_a_s_s_w_o_r_d',
    'S-E-C-R-E-T',
  ])('%j is secret', (name) => expect(isSecretName(name)).toBe(true));

  it.each(['email', 'username', 'title', 'description', 'Content-Type', 'Accept', 'limit', 'author', 'Keywords', 'id'])(
    '%j is not',
    (name) => expect(isSecretName(name)).toBe(false),
  );

  it('lets an ordinary word through only as the whole name', () => {
    expect(isSecretName('author_token')).toBe(true);
    expect(isSecretName('authorization')).toBe(true);
  });
});

describe('credential-looking values', () => {
  it.each([
    ['an API key', `dc_${'k'.repeat(40)}`],
    ['a JWT', JWT],
    ['a base64 run at the threshold', mixed(MIN_BASE64_RUN)],
    ['a base64-encoded API key', Buffer.from(`dc_${'Zx9'.repeat(14)}`).toString('base64')],
    ['a base64url run with - and _', `${mixed(20)}-_${mixed(20)}`],
    ['a hex run at the threshold', 'a1'.repeat(MIN_HEX_RUN / 2)],
    ['a secret inside a sentence', `my secret is ${mixed(40)} ok`],
  ])('masks %s', (_what, value) => {
    expect(looksLikeCredential(value)).toBe(true);
    expect(maskCredentialRuns(value)).not.toContain(value.slice(4, 30));
  });

  it.each([
    ['a base64 run one short of the threshold', mixed(MIN_BASE64_RUN - 1)],
    ['a hex run one short of the threshold', 'a1'.repeat(MIN_HEX_RUN / 2).slice(1)],
    ['a UUID', '550e8400-e29b-41d4-a716-446655440000'],
    ['an upper-case UUID', '550E8400-E29B-41D4-A716-446655440000'],
    ['a UUID without hyphens (32 hex)', '550e8400e29b41d4a716446655440000'],
    ['a long word', 'internationalisationsdokumentation'],
    ['a long identifier in one case with digits', 'item_number_1234567890_of_the_collection'],
    ['an ISO date', '2026-03-01T10:00:00.000Z'],
    ['a sentence', 'The quick brown fox jumps over the lazy dog 42 times'],
    ['a 40-digit number', '1234567890123456789012345678901234567890'],
  ])('leaves %s alone', (_what, value) => {
    expect(looksLikeCredential(value)).toBe(false);
    expect(maskCredentialRuns(value)).toBe(value);
  });

  it('judges the segments of a path one by one when a slash separates', () => {
    const path = '/api/v1/users/me/api-key/regeneration-requests/rr_ABC123def';
    expect(maskCredentialRuns(path, { slashSeparates: true })).toBe(path);
    expect(maskCredentialRuns(`/api/v1/items/${mixed(40)}`, { slashSeparates: true })).toBe(`/api/v1/items/${REDACTED}`);
    // In a value, a standard base64 secret may hold a slash: it is one run.
    expect(maskCredentialRuns(`${mixed(20)}/${mixed(20)}`)).toBe(REDACTED);
  });
});

describe('the edges of the value rules (from a mutation run)', () => {
  it('leaves the ordinary names author(s) and keyword(s) alone', () => {
    for (const name of ['author', 'authors', 'keyword', 'keywords', 'Authors', 'KEYWORDS']) expect(isSecretName(name)).toBe(false);
  });

  it('needs digits in a base64 run and in a hex run: long words and letter-only hex are not credentials', () => {
    const camel = 'ThisIsAVeryLongCamelCaseIdentifierWithoutAnyDigitsAtAll';
    expect(camel.length).toBeGreaterThanOrEqual(MIN_BASE64_RUN);
    expect(looksLikeCredential(camel)).toBe(false);
    expect(maskCredentialRuns(`name=${camel}`)).toBe(`name=${camel}`);
    const lettersOnlyHex = 'deadbeef'.repeat(6);
    expect(lettersOnlyHex.length).toBeGreaterThanOrEqual(MIN_HEX_RUN);
    expect(maskCredentialRuns(`id ${lettersOnlyHex}`)).toBe(`id ${lettersOnlyHex}`);
  });

  it('masks every credential-looking run in a text, not only the first, with the REDACTED marker', () => {
    // Not hex (X, y): only the base64 rule can mask these.
    const a = 'Xy7'.repeat(14);
    const b = 'Zq9'.repeat(14);
    const hexA = '0123456789abcdef'.repeat(3);
    const out = maskCredentialRuns(`first ${a} then ${b}, hex ${hexA} and ${hexA}`);
    expect(out).not.toContain(a);
    expect(out).not.toContain(b);
    expect(out).not.toContain(hexA);
    expect(out.match(new RegExp(REDACTED, 'g'))!.length).toBeGreaterThanOrEqual(4);
    expect(REDACTED).toBe('REDACTED');
  });

  it('judges a path segment by segment: every long mixed segment is masked, words are not', () => {
    const one = 'Xy7'.repeat(12);
    const two = 'Qz5'.repeat(12);
    const path = `/api/v1/items/${one}/notes/${two}`;
    expect(maskCredentialRuns(path, { slashSeparates: true })).toBe(`/api/v1/items/${REDACTED}/notes/${REDACTED}`);
    const words = '/api/v1/a-very-long-path-segment-made-of-ordinary-words/and-another-one-just-as-long';
    expect(maskCredentialRuns(words, { slashSeparates: true })).toBe(words);
  });
});
