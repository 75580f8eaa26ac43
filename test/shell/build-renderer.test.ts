/**
 * start:web and the e2e tests serve the development build in `out/`; the installers' build that `npm run dist`
 * leaves there (no local emulator in its prerendered sign-in form) must count as stale, not be served as theirs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIsStale, isDevelopmentBuild } from '../../web/build-renderer';

const dirs: string[] = [];
function renderer(shellKey: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'dc-built-'));
  dirs.push(dir);
  const shell = shellKey === null ? '' : `<div data-boot-shell="${shellKey}" hidden></div>`;
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html><body><div id="root">${shell}</div></body></html>`);
  return dir;
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('which build start:web and the e2e tests may serve', () => {
  it('takes a fresh development build as it is', () => {
    const dir = renderer('*local,production');
    expect(isDevelopmentBuild(dir)).toBe(true);
    expect(buildIsStale(dir)).toBe(false);
  });

  it.each([
    ['the installers build', '*production'],
    ['a build without the prerendered form', null],
  ])('rebuilds over %s', (_label, key) => {
    const dir = renderer(key);
    expect(isDevelopmentBuild(dir)).toBe(false);
    expect(buildIsStale(dir)).toBe(true);
  });

  it('rebuilds when there is no build', () => {
    expect(buildIsStale(join(tmpdir(), 'dc-no-such-build'))).toBe(true);
  });
});
