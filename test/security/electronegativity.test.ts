/**
 * The electronegativity gate (issue 5): the scanner always exits 0, so scripts/electronegativity-gate.mjs decides.
 * A HIGH or MEDIUM finding fails unless the reviewed allow-list explains it (by check and file, a limited number of
 * times); an unparseable app source fails; the allow-list itself must give reasons. One test runs the real
 * scanner on a deliberately unsafe window to prove the gate reads the scanner's real output.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  decide,
  formatReport,
  parseAllowlist,
  relativeTo,
  type ElectronegativityIssue,
  type ElectronegativityResult,
} from '../../scripts/electronegativity-gate.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const STAGE = '/tmp/dc-electronegativity-x1';

const issue = (id: string, severity: string, file: string, line = 10): ElectronegativityIssue => ({
  id,
  severity: { name: severity },
  confidence: { name: 'FIRM' },
  file: `${STAGE}/${file}`,
  location: { line, column: 4 },
  sample: 'new BrowserWindow({',
  description: 'synthetic finding',
});

const REASON = 'webPreferences come from secureWebPreferences(), which sets contextIsolation: true; tested in security.test.ts.';
const allow = (check: string, file: string, extra: Record<string, unknown> = {}) => parseAllowlist({ entries: [{ check, file, reason: REASON, ...extra }] });
const none = parseAllowlist({ entries: [] });

describe('the gate on a synthetic report', () => {
  const report: ElectronegativityResult = { issues: [issue('CONTEXT_ISOLATION_JS_CHECK', 'HIGH', 'src-main/window.ts')], errors: [] };

  it('fails on a HIGH finding the allow-list does not explain', () => {
    const decision = decide(report, none, STAGE);
    expect(decision.ok).toBe(false);
    expect(decision.findings).toMatchObject([{ check: 'CONTEXT_ISOLATION_JS_CHECK', file: 'src-main/window.ts', line: 10, status: 'blocking' }]);
    expect(formatReport(decision)).toMatch(/FAIL\s+HIGH\s+FIRM\s+CONTEXT_ISOLATION_JS_CHECK\s+src-main\/window\.ts:10:4/);
    expect(formatReport(decision)).toMatch(/^FAILED: 1 unexplained HIGH\/MEDIUM/m);
  });

  it('passes when the allow-list explains it, and prints the reason', () => {
    const decision = decide(report, allow('CONTEXT_ISOLATION_JS_CHECK', 'src-main/window.ts'), STAGE);
    expect(decision.ok).toBe(true);
    expect(decision.findings).toMatchObject([{ status: 'allowed', reason: REASON }]);
    expect(formatReport(decision)).toContain(`allowed: ${REASON}`);
    expect(formatReport(decision)).toMatch(/^PASSED: 0 unexplained HIGH\/MEDIUM, 1 allowed/m);
  });

  it('fails on a MEDIUM finding too, but never on LOW or INFORMATIONAL ones', () => {
    expect(decide({ issues: [issue('SANDBOX_JS_CHECK', 'MEDIUM', 'src-main/window.ts')] }, none, STAGE).ok).toBe(false);
    const quiet = decide({ issues: [issue('CSP_GLOBAL_CHECK', 'LOW', 'src-renderer/index.html'), issue('AFFINITY_GLOBAL_CHECK', 'INFORMATIONAL', 'N/A')] }, none, STAGE);
    expect(quiet.ok).toBe(true);
    expect(quiet.findings.map((f) => f.status)).toEqual(['info', 'info']);
  });

  it('matches by check and file: the same check elsewhere, or another check here, is not explained', () => {
    const list = allow('CONTEXT_ISOLATION_JS_CHECK', 'src-main/window.ts');
    expect(decide({ issues: [issue('CONTEXT_ISOLATION_JS_CHECK', 'HIGH', 'src-main/other-window.ts')] }, list, STAGE).ok).toBe(false);
    expect(decide({ issues: [issue('NODE_INTEGRATION_JS_CHECK', 'HIGH', 'src-main/window.ts')] }, list, STAGE).ok).toBe(false);
  });

  it('explains only as many findings as the entry allows, so a new one in the same file still fails', () => {
    const twice = { issues: [issue('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', 'src-main/index.ts', 39), issue('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', 'src-main/index.ts', 80)] };
    const one = decide(twice, allow('OPEN_EXTERNAL_JS_CHECK', 'src-main/index.ts'), STAGE);
    expect(one.ok).toBe(false);
    expect(one.findings.map((f) => [f.line, f.status])).toEqual([[39, 'allowed'], [80, 'blocking']]);
    expect(decide(twice, allow('OPEN_EXTERNAL_JS_CHECK', 'src-main/index.ts', { occurrences: 2 }), STAGE).ok).toBe(true);
  });

  it('refuses an allow-list entry without a written reason, or with a glob for a file', () => {
    for (const entry of [
      { check: 'SANDBOX_JS_CHECK', file: 'src-main/window.ts' },
      { check: 'SANDBOX_JS_CHECK', file: 'src-main/window.ts', reason: 'false positive' },
      { check: 'SANDBOX_JS_CHECK', file: 'src-main/**', reason: REASON },
      { check: 'sandbox', file: 'src-main/window.ts', reason: REASON },
    ]) {
      const list = parseAllowlist({ entries: [entry] });
      expect(list.problems).toHaveLength(1);
      const decision = decide({ issues: [] }, list, STAGE);
      expect(decision.ok).toBe(false);
      expect(formatReport(decision)).toMatch(/FAIL: allow-list: entry 1/);
    }
    expect(parseAllowlist([]).problems).toEqual(['the allow-list must be an object with an "entries" array']);
  });

  it('fails when an app source could not be parsed, and only warns for built or tolerable files', () => {
    const unparsed = (file: string, tolerable = false) => ({ issues: [], errors: [{ file: `${STAGE}/${file}`, message: 'Unknown node type', tolerable }] });
    expect(decide(unparsed('src-renderer/app.tsx'), none, STAGE)).toMatchObject({ ok: false, parseErrors: [{ file: 'src-renderer/app.tsx', blocking: true }] });
    expect(decide(unparsed('out/main/source-1a2b.js'), none, STAGE).ok).toBe(true);
    expect(decide(unparsed('src-main/index.ts', true), none, STAGE).ok).toBe(true);
    expect(formatReport(decide(unparsed('src-renderer/app.tsx'), none, STAGE))).toContain('FAIL: src-renderer/app.tsx could not be parsed, so it was not checked');
  });

  it('names allow-list entries that explained nothing', () => {
    const decision = decide({ issues: [] }, allow('SANDBOX_JS_CHECK', 'src-main/window.ts'), STAGE);
    expect(decision.ok).toBe(true);
    expect(decision.unusedEntries.map((e) => e.check)).toEqual(['SANDBOX_JS_CHECK']);
    expect(formatReport(decision)).toContain('allow-list entry SANDBOX_JS_CHECK in src-main/window.ts explained nothing');
  });

  it('reports files relative to the scanned folder on every platform', () => {
    expect(relativeTo('C:\\Temp\\stage', 'C:\\Temp\\stage\\src-main\\window.ts')).toBe('src-main/window.ts');
    expect(relativeTo('/tmp/stage/', '/tmp/stage/out/main/index.js')).toBe('out/main/index.js');
    expect(relativeTo('/tmp/stage', 'N/A')).toBe('N/A');
  });
});

describe('the reviewed allow-list', () => {
  const document = JSON.parse(readFileSync(join(ROOT, 'security', 'electronegativity-allowlist.json'), 'utf8'));

  it('is valid: every entry names a check and one file and says why', () => {
    expect(parseAllowlist(document).problems).toEqual([]);
  });

  it('points only at app sources that exist (or at their bundle in out/)', () => {
    for (const entry of parseAllowlist(document).entries) {
      if (entry.file.startsWith('out/')) expect(entry.file).toMatch(/^out\/(main|preload|renderer)\//);
      else expect(existsSync(join(ROOT, entry.file)), entry.file).toBe(true);
    }
  });
});

describe('the gate on the real scanner', () => {
  it('fails a window that turns off context isolation and the sandbox, in an app with no CSP or navigation limits', async () => {
    const stage = mkdtempSync(join(tmpdir(), 'dc-electronegativity-test-'));
    try {
      mkdirSync(join(stage, 'src-main'));
      writeFileSync(
        join(stage, 'src-main', 'unsafe-window.ts'),
        "import { BrowserWindow } from 'electron';\n" +
          "export const open = (): BrowserWindow => new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false, nodeIntegration: true } });\n",
      );
      const run = createRequire(import.meta.url)('@doyensec/electronegativity') as (options: object) => Promise<ElectronegativityResult>;
      const result = await run({ input: stage, isRelative: true, electronVersionOverride: '45.5.0', excludeFromScan: ['AvailableSecurityFixesGlobalCheck'] });
      const decision = decide(result, allow('AUXCLICK_JS_CHECK', 'src-main/unsafe-window.ts'), stage);
      expect(decision.ok).toBe(false);
      const blocking = decision.findings.filter((f) => f.status === 'blocking');
      expect(blocking.map((f) => f.check).sort()).toEqual([
        'CONTEXT_ISOLATION_JS_CHECK',
        'CSP_GLOBAL_CHECK',
        'LIMIT_NAVIGATION_GLOBAL_CHECK',
        'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
        'SANDBOX_JS_CHECK',
      ]);
      const inWindow = blocking.filter((f) => f.check.endsWith('_JS_CHECK'));
      expect(inWindow.map((f) => [f.file, f.line, f.severity])).toEqual([
        ['src-main/unsafe-window.ts', 2, 'HIGH'],
        ['src-main/unsafe-window.ts', 2, 'MEDIUM'],
      ]);
      expect(decision.findings.find((f) => f.check === 'AUXCLICK_JS_CHECK')?.status).toBe('allowed');
    } finally {
      rmSync(stage, { recursive: true, force: true });
    }
  }, 60_000);
});
