/**
 * start:web's static files: the built renderer only, with the app:// protocol's MIME types; nothing outside the
 * folder, neither by `..` nor through a symlink.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStaticFile } from '../../web/static-files';

let dir = '';
let root = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dc-static-'));
  root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<html><head></head><body></body></html>');
  writeFileSync(join(root, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  symlinkSync(join(dir, 'secret.txt'), join(root, 'assets', 'link.txt'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('start:web static files', () => {
  it('serves a renderer file with its MIME type, and index.html with the bridge script', async () => {
    expect((await readStaticFile(root, '/assets/app.js'))?.contentType).toBe('text/javascript; charset=utf-8');
    const index = await readStaticFile(root, '/');
    expect(index?.body.toString('utf8')).toContain('/__bridge.js');
  });

  it.each(['/../secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/link.txt', '/missing.js', '/assets'])('refuses %s', async (path) => {
    expect(await readStaticFile(root, path)).toBeNull();
  });
});
