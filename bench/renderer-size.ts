/**
 * Renderer size: the JavaScript a production renderer build loads initially (the entry script of `index.html`,
 * its `modulepreload`s, and every chunk they import statically, followed transitively), gzipped per file as it
 * would travel, against the 150 KB budget. Lazy chunks (reached only by `import()`) are reported apart. Each
 * initial chunk is minified again with Vite's minifier: a file that still shrinks by 10% or more was not minified.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { minifySync, parseAst } from 'vite';
import { kb, withinBudget, type Figure } from './stats';

/** The budget of the initial JavaScript, gzipped. */
export const INITIAL_JS_BUDGET_BYTES = 150 * 1024;

interface ChunkSize {
  file: string;
  bytes: number;
  gzip: number;
}

/** Script and modulepreload URLs of an HTML page, in document order (external ones are skipped). */
export function initialScriptsOf(html: string): string[] {
  const urls: string[] = [];
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*(["'])(.*?)\\1`, 'i').exec(tag)?.[2] ?? null;
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(tag, 'src');
    if (src) urls.push(src);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attr(tag, 'rel')?.toLowerCase() ?? '';
    const href = attr(tag, 'href');
    if (href && (rel === 'modulepreload' || (rel === 'preload' && attr(tag, 'as') === 'script'))) urls.push(href);
  }
  return urls.filter((u) => !/^[a-z][a-z0-9+.-]*:/i.test(u) && !u.startsWith('//'));
}

/** The relative modules a chunk imports statically (`import … from`, `export … from`, bare `import '…'`). */
export function staticImportsOf(code: string): string[] {
  const ast = parseAst(code) as unknown as { body: Array<{ type: string; source?: { value?: unknown } | null }> };
  const found: string[] = [];
  for (const node of ast.body) {
    const isStatic = node.type === 'ImportDeclaration' || node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration';
    const source = node.source?.value;
    if (isStatic && typeof source === 'string' && (source.startsWith('./') || source.startsWith('../') || source.startsWith('/'))) {
      found.push(source);
    }
  }
  return found;
}

function allFiles(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...allFiles(path, ext));
    else if (name.endsWith(ext)) out.push(path);
  }
  return out;
}

function sizeOf(path: string, rendererDir: string): ChunkSize {
  const bytes = readFileSync(path);
  return { file: relative(rendererDir, path), bytes: bytes.length, gzip: gzipSync(bytes).length };
}

/** Whether a chunk is minified: minifying it again must not shrink it by 10% or more. */
function minification(code: string): { ratio: number; minified: boolean } {
  const again = minifySync('chunk.js', code, { compress: true, mangle: true }).code;
  const ratio = Buffer.byteLength(again) / Math.max(1, Buffer.byteLength(code));
  return { ratio, minified: ratio >= 0.9 };
}

/** Measures the built renderer in `rendererDir`. */
export function measureRendererSize(rendererDir: string): Figure[] {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  const toPath = (url: string, from: string) => (url.startsWith('/') ? join(rendererDir, url) : resolve(from, url.split(/[?#]/)[0]!));
  const queue = initialScriptsOf(html).map((u) => toPath(u, rendererDir));
  const initial = new Set<string>();
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (initial.has(path) || !path.endsWith('.js')) continue;
    initial.add(path);
    for (const spec of staticImportsOf(readFileSync(path, 'utf8'))) queue.push(toPath(spec, dirname(path)));
  }
  const all = allFiles(rendererDir, '.js');
  const initialSizes = [...initial].map((p) => sizeOf(p, rendererDir));
  const lazySizes = all.filter((p) => !initial.has(p)).map((p) => sizeOf(p, rendererDir));
  const sum = (list: ChunkSize[], key: 'bytes' | 'gzip') => list.reduce((n, c) => n + c[key], 0);
  const initialGzip = sum(initialSizes, 'gzip');
  const totalGzip = initialGzip + sum(lazySizes, 'gzip');

  const checks = [...initial].map((p) => {
    const code = readFileSync(p, 'utf8');
    return { file: relative(rendererDir, p), ...minification(code), productionReact: code.includes('Minified React error') };
  });
  const notMinified = checks.filter((c) => !c.minified);
  const reactChunk = checks.some((c) => c.productionReact);
  const minifyNote = notMinified.length
    ? `NOT MINIFIED: ${notMinified.map((c) => `${c.file} shrinks to ${(c.ratio * 100).toFixed(0)}% when minified again`).join('; ')}`
    : null;
  const reactNote = reactChunk ? null : 'React production build not detected in the initial chunks (no "Minified React error" marker).';

  return [
    {
      id: 'rendererInitialJs',
      label: 'Renderer initial JS (min+gzip)',
      value: notMinified.length ? `${kb(initialGzip)} — NOT MINIFIED` : kb(initialGzip),
      budget: `≤ ${kb(INITIAL_JS_BUDGET_BYTES)}`,
      // An unminified build is not the production build the budget is about: loud, whatever its size.
      status: notMinified.length ? 'failed' : withinBudget(initialGzip, INITIAL_JS_BUDGET_BYTES),
      data: {
        gzipBytes: initialGzip,
        rawBytes: sum(initialSizes, 'bytes'),
        chunks: initialSizes,
        minified: notMinified.length === 0,
        minifyCheck: checks.map((c) => ({ file: c.file, reminifiedRatio: Number(c.ratio.toFixed(3)) })),
        productionReact: reactChunk,
      },
      note: [minifyNote, reactNote].filter(Boolean).join(' ') || undefined,
    },
    {
      id: 'rendererTotalJs',
      label: 'Renderer total JS (min+gzip)',
      value: `${kb(totalGzip)} (lazy ${kb(totalGzip - initialGzip)} in ${lazySizes.length})`,
      budget: '—',
      status: 'info',
      data: { gzipBytes: totalGzip, rawBytes: sum(initialSizes, 'bytes') + sum(lazySizes, 'bytes'), lazyChunks: lazySizes },
    },
  ];
}
