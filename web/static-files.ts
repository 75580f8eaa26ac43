/**
 * Serves the built renderer (`out/renderer`) for the start:web bridge: `index.html` with the bridge script
 * injected at the top of `<head>` (so it runs before the app's bundle) and the answer's style nonce in place, and
 * the assets beside it, each with the app's security headers and the MIME types the app:// protocol uses. Paths
 * never leave the renderer folder, not even through a symlink.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { BOOT_HINT_ATTRIBUTE } from '../src-shared/boot-hint';
import { contentTypeOf } from '../src-main/shell/app-protocol';
import { withStyleNonce } from '../src-main/shell/security';


/** The tag that loads the bridge: deferred, so it does not block parsing, yet runs before the module app script (document order). */
const BRIDGE_SCRIPT_TAG = '<script defer src="/__bridge.js"></script>';

/** Inserts the bridge script as the first element of `<head>` (or at the very top when there is no `<head>`). */
function injectBridgeScript(html: string): string {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) return BRIDGE_SCRIPT_TAG + html;
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}${BRIDGE_SCRIPT_TAG}${html.slice(at)}`;
}

/** Writes the boot hint (`src-shared/boot-hint.ts`, a query string) into `<html data-boot="…">`, escaped. */
export function injectBootHint(html: string, hint: string): string {
  if (!hint) return html;
  const escaped = hint.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return html.replace(/<html\b/i, `<html ${BOOT_HINT_ATTRIBUTE}="${escaped}"`);
}

/** A file to send: its bytes and content type; `page` for `index.html`, which carries the style nonce. */
export interface StaticFile {
  body: Buffer;
  contentType: string;
  page?: boolean;
}

/**
 * Reads the file the URL path names inside `rootDir`, or null (missing, a folder, or outside the root). `/` and
 * `/index.html` answer `index.html` with the bridge, the current boot hint and `styleNonce` (the one the answer's
 * CSP names) injected.
 */
export async function readStaticFile(
  rootDir: string,
  urlPath: string,
  bootHint: () => Promise<string> = async () => '',
  styleNonce: string | null = null,
): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = resolve(rootDir);
  const file = resolve(root, relative);
  if (!file.startsWith(root + sep)) return null;
  try {
    if (!(await stat(file)).isFile()) return null;
    // A symlink inside the folder may point out of it: the real path must stay inside too.
    if (!(await realpath(file)).startsWith((await realpath(root)) + sep)) return null;
    const body = await readFile(file);
    const contentType = contentTypeOf(file);
    if (file === resolve(root, 'index.html')) {
      const text = body.toString('utf8');
      const html = injectBootHint(injectBridgeScript(styleNonce ? withStyleNonce(text, styleNonce) : text), await bootHint());
      return { body: Buffer.from(html, 'utf8'), contentType, page: true };
    }
    return { body, contentType };
  } catch {
    return null;
  }
}
