/**
 * The decision behind `scripts/security-scan.mjs`, as pure functions so the gate itself is tested
 * (test/security/electronegativity.test.ts). Electronegativity always exits 0; this module turns its result into
 * pass or fail: any HIGH or MEDIUM finding that the reviewed allow-list (security/electronegativity-allowlist.json)
 * does not explain fails, and so does any app source file the scanner could not parse (a file it cannot read is a
 * file it did not check).
 */

/** Severities that fail the gate unless allow-listed. */
export const BLOCKING_SEVERITIES = Object.freeze(['HIGH', 'MEDIUM']);

/** Shortest reason accepted in the allow-list: a reviewer has to say why, not just "ok". */
export const MIN_REASON_LENGTH = 40;

const toPosix = (path) => String(path).replace(/\\/g, '/');

/** A path relative to the scanned root, `/`-separated ("N/A" for project-wide findings stays as it is). */
export function relativeTo(root, file) {
  const posixFile = toPosix(file);
  const posixRoot = toPosix(root).replace(/\/+$/, '');
  return posixRoot && posixFile.startsWith(`${posixRoot}/`) ? posixFile.slice(posixRoot.length + 1) : posixFile;
}

/** One electronegativity issue as a plain finding. */
export function normalizeIssue(issue, root = '') {
  return {
    check: String(issue.id),
    severity: String(issue.severity?.name ?? issue.severity ?? 'UNKNOWN').toUpperCase(),
    confidence: String(issue.confidence?.name ?? issue.confidence ?? 'UNKNOWN').toUpperCase(),
    file: relativeTo(root, issue.file ?? 'N/A'),
    line: Number(issue.location?.line ?? 0),
    column: Number(issue.location?.column ?? 0),
    sample: issue.sample == null ? '' : String(issue.sample).trim(),
    description: String(issue.description ?? ''),
  };
}

/**
 * Reads the allow-list document: `{ entries: [{ check, file, reason, occurrences? }] }`. Each entry explains up to
 * `occurrences` (default 1) findings of one check in one file; a further finding there is not explained.
 * Returns the entries and the problems that make the list itself invalid.
 */
export function parseAllowlist(document) {
  const problems = [];
  const raw = Array.isArray(document?.entries) ? document.entries : null;
  if (!raw) return { entries: [], problems: ['the allow-list must be an object with an "entries" array'] };
  const entries = [];
  raw.forEach((entry, index) => {
    const where = `entry ${index + 1}`;
    if (typeof entry?.check !== 'string' || !/^[A-Z0-9_]+$/.test(entry.check)) problems.push(`${where}: "check" must be an electronegativity check id`);
    else if (typeof entry.file !== 'string' || entry.file.length === 0 || entry.file.includes('*')) problems.push(`${where}: "file" must be one relative path (no globs)`);
    else if (typeof entry.reason !== 'string' || entry.reason.trim().length < MIN_REASON_LENGTH) problems.push(`${where} (${entry.check} in ${entry.file}): a written reason of at least ${MIN_REASON_LENGTH} characters is required`);
    else if (entry.occurrences !== undefined && !(Number.isInteger(entry.occurrences) && entry.occurrences > 0)) problems.push(`${where}: "occurrences" must be a positive integer`);
    else entries.push({ check: entry.check, file: toPosix(entry.file), reason: entry.reason.trim(), occurrences: entry.occurrences ?? 1 });
  });
  return { entries, problems };
}

/** True for the app's own sources (parse failures there fail the gate); built output and others only warn. */
const isAppSource = (file) => /^src-[a-z]+\//.test(file);

/**
 * Decides the gate for one electronegativity result (`{ issues, errors }` as its `run()` returns it) and a parsed
 * allow-list. Every finding gets a status: `blocking` (HIGH/MEDIUM, not explained), `allowed` (with the reason)
 * or `info` (LOW/INFORMATIONAL). `ok` is true only with no blocking finding, no blocking parse error and a valid
 * allow-list. Entries that explained nothing are returned so the list can be kept current.
 */
export function decide(result, allowlist, root = '') {
  const budget = new Map(allowlist.entries.map((entry) => [`${entry.check}\u0000${entry.file}`, { entry, left: entry.occurrences }]));
  const findings = (result?.issues ?? [])
    .map((issue) => normalizeIssue(issue, root))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.check.localeCompare(b.check))
    .map((finding) => {
      if (!BLOCKING_SEVERITIES.includes(finding.severity)) return { ...finding, status: 'info' };
      const slot = budget.get(`${finding.check}\u0000${finding.file}`);
      if (slot && slot.left > 0) {
        slot.left -= 1;
        return { ...finding, status: 'allowed', reason: slot.entry.reason };
      }
      return { ...finding, status: 'blocking' };
    });
  const parseErrors = (result?.errors ?? []).map((error) => {
    const file = relativeTo(root, error.file ?? 'N/A');
    return { file, message: String(error.message ?? ''), blocking: !error.tolerable && isAppSource(file) };
  });
  const unusedEntries = [...budget.values()].filter((slot) => slot.left === slot.entry.occurrences).map((slot) => slot.entry);
  const ok = allowlist.problems.length === 0 && !findings.some((f) => f.status === 'blocking') && !parseErrors.some((e) => e.blocking);
  return { ok, findings, parseErrors, unusedEntries, allowlistProblems: allowlist.problems };
}

const STATUS_LABEL = { blocking: 'FAIL', allowed: 'allowed', info: 'info' };

/** A plain-text report of a decision: one row per finding, then parse errors, allow-list problems and the verdict. */
export function formatReport(decision) {
  const rows = decision.findings.map((f) => [STATUS_LABEL[f.status], f.severity, f.confidence, f.check, `${f.file}:${f.line}:${f.column}`, f.status === 'allowed' ? `allowed: ${f.reason}` : f.description]);
  const header = ['status', 'severity', 'confidence', 'check', 'where', 'why'];
  const widths = header.map((title, i) => Math.min(48, Math.max(title.length, ...rows.map((row) => row[i].length))));
  const line = (cells) => cells.map((cell, i) => (i < cells.length - 1 ? cell.padEnd(widths[i]) : cell)).join('  ');
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  if (rows.length === 0) out.push('(no findings)');
  for (const error of decision.parseErrors) {
    out.push(`${error.blocking ? 'FAIL' : 'warn'}: ${error.file} could not be parsed, so it was not checked: ${error.message}`);
  }
  for (const problem of decision.allowlistProblems) out.push(`FAIL: allow-list: ${problem}`);
  for (const entry of decision.unusedEntries) out.push(`note: allow-list entry ${entry.check} in ${entry.file} explained nothing (remove it if the code changed)`);
  const count = (status) => decision.findings.filter((f) => f.status === status).length;
  out.push(`${decision.ok ? 'PASSED' : 'FAILED'}: ${count('blocking')} unexplained HIGH/MEDIUM, ${count('allowed')} allowed, ${count('info')} informational`);
  return out.join('\n');
}
