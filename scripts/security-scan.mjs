#!/usr/bin/env node
/**
 * `node scripts/security-scan.mjs`: runs @doyensec/electronegativity over the app's code and fails (exit 1) on any
 * HIGH or MEDIUM finding not explained in security/electronegativity-allowlist.json (issue 5). Run by
 * `npm test` (scripts/test-all.mjs).
 *
 * What is scanned: src-main, src-preload, src-renderer, src-shared, and the built `out/` when it exists (as it is:
 * rebuild first if it may be stale). They are copied into one temporary folder so every finding names a
 * project-relative file. The scanner is called through its documented programmatic API rather than its CLI: the
 * CLI's CSV writer races its header against its rows, and only the API reports the files it could not parse.
 * Not run: AvailableSecurityFixesGlobalCheck, which needs the network and a package.json; whether Electron is
 * current is checked with the rest of the security checklist, not here.
 *
 * Flags: --json <file> also writes the findings and the verdict as JSON.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { decide, formatReport, parseAllowlist } from './electronegativity-gate.mjs';

const root = resolve(import.meta.dirname, '..');
const SOURCES = ['src-main', 'src-preload', 'src-renderer', 'src-shared'];
const BUILD = 'out';
const ALLOWLIST = join(root, 'security', 'electronegativity-allowlist.json');
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

const requireFrom = createRequire(import.meta.url);

function installedElectronVersion() {
  return JSON.parse(readFileSync(requireFrom.resolve('electron/package.json'), 'utf8')).version;
}

/** Copies the scanned folders into a fresh temporary folder (without node_modules) and returns it. */
function stage() {
  const dir = mkdtempSync(join(tmpdir(), 'dc-electronegativity-'));
  const folders = [...SOURCES, BUILD].filter((name) => existsSync(join(root, name)));
  for (const name of folders) {
    cpSync(join(root, name), join(dir, name), { recursive: true, filter: (src) => !src.split(/[\\/]/).includes('node_modules') });
  }
  return { dir, folders };
}

async function main() {
  const jsonFlag = process.argv.indexOf('--json');
  const jsonOut = jsonFlag === -1 ? null : resolve(process.argv[jsonFlag + 1] ?? 'electronegativity.json');
  const missing = SOURCES.filter((name) => !existsSync(join(root, name)));
  if (missing.length > 0) throw new Error(`nothing to scan in ${missing.join(', ')}`);

  const allowlist = parseAllowlist(JSON.parse(readFileSync(ALLOWLIST, 'utf8')));
  const { dir, folders } = stage();
  try {
    const electronVersion = installedElectronVersion();
    console.log(`electronegativity over ${folders.join(', ')} (Electron ${electronVersion})`);
    const run = requireFrom('@doyensec/electronegativity');
    const result = await run({ input: dir, isRelative: true, electronVersionOverride: electronVersion, excludeFromScan: EXCLUDED_CHECKS });
    if (!(result?.atomicChecks > 0) || !Array.isArray(result.issues)) throw new Error('electronegativity ran no checks');
    const decision = decide(result, allowlist, dir);
    console.log(`${result.atomicChecks} atomic and ${result.globalChecks} global checks\n`);
    console.log(formatReport(decision));
    if (jsonOut) {
      mkdirSync(dirname(jsonOut), { recursive: true });
      writeFileSync(jsonOut, `${JSON.stringify({ scanned: folders, electronVersion, ...decision }, null, 2)}\n`);
    }
    return decision.ok;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (err) => {
    console.error(`security scan failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
