/**
 * The allow-list of links the app may one day open in the OS browser (review part 8, finding 4): https, and a host
 * that is exactly one of DeepCurrent's own. Nothing opens links today; this is the rule any future caller must use.
 */
import { describe, expect, it } from 'vitest';
import { EXTERNAL_LINK_HOSTS, isAllowedExternalLink } from '../../src-main/shell/external-links';

describe('links the app may open in the browser', () => {
  it.each([
    'https://deepcurrent.app/',
    'https://deepcurrent.app',
    'https://docs.deepcurrent.app/tester#auth',
    'https://api.deepcurrent.app/api/v1/openapi.json?x=1',
    'https://DOCS.DeepCurrent.app/guide',
    'https://deepcurrent.app:443/pricing',
  ])('allows %j', (url) => {
    expect(isAllowedExternalLink(url)).toBe(true);
  });

  it.each([
    ['plain http', 'http://deepcurrent.app/'],
    ['another host', 'https://evil.example/'],
    ['a look-alike suffix', 'https://deepcurrent.app.evil.example/'],
    ['a look-alike prefix', 'https://evildeepcurrent.app/'],
    ['an unlisted subdomain', 'https://status.deepcurrent.app/'],
    ['a sub-subdomain', 'https://x.docs.deepcurrent.app/'],
    ['a trailing dot', 'https://deepcurrent.app./'],
    ['another port', 'https://deepcurrent.app:8443/'],
    ['a user name', 'https://user@deepcurrent.app/'],
    ['a user name that looks like the host', 'https://deepcurrent.app@evil.example/'],
    ['a password', 'https://user:pw@deepcurrent.app/'],
    ['a backslash trick', 'https://evil.example\\@deepcurrent.app/'],
    ['a protocol-relative URL', '//deepcurrent.app/'],
    ['a file URL', 'file:///etc/passwd'],
    ['a javascript URL', 'javascript:alert(1)'],
    ['a custom scheme', 'deepcurrent://open'],
    ['whitespace', 'https://deepcurrent.app/a b'],
    ['a line break', 'https://deepcurrent.app/\nx'],
    ['leading spaces', '  https://deepcurrent.app/'],
    ['an over-long URL', `https://deepcurrent.app/${'a'.repeat(2100)}`],
    ['not a URL', 'not a url'],
    ['an IDN look-alike', 'https://deepcurrеnt.app/'],
  ])('refuses %s (%j)', (_label, url) => {
    expect(isAllowedExternalLink(url)).toBe(false);
  });

  it('refuses anything that is not a string', () => {
    for (const value of [undefined, null, 42, {}, new URL('https://deepcurrent.app/')]) expect(isAllowedExternalLink(value)).toBe(false);
  });

  it('lists only DeepCurrent hosts', () => {
    for (const host of EXTERNAL_LINK_HOSTS) expect(host === 'deepcurrent.app' || host.endsWith('.deepcurrent.app')).toBe(true);
  });
});
