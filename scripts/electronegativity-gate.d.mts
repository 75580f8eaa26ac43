/** Types of scripts/electronegativity-gate.mjs (the pass/fail decision of the electronegativity scan). */

/** An issue as electronegativity's `run()` returns it (only the fields the gate reads). */
export interface ElectronegativityIssue {
  id: string;
  file?: string;
  location?: { line?: number; column?: number };
  severity?: { name: string } | string;
  confidence?: { name: string } | string;
  sample?: string | null;
  description?: string;
}

/** A file electronegativity could not parse; `tolerable` ones were still scanned. */
export interface ElectronegativityError {
  file?: string;
  message?: string;
  tolerable?: boolean;
}

/** electronegativity's `run()` result. */
export interface ElectronegativityResult {
  issues?: ElectronegativityIssue[];
  errors?: ElectronegativityError[];
}

/** A finding, normalised. */
export interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  line: number;
  column: number;
  sample: string;
  description: string;
}

/** One reviewed allow-list entry. */
export interface AllowlistEntry {
  check: string;
  file: string;
  reason: string;
  occurrences: number;
}

/** A parsed allow-list. */
export interface Allowlist {
  entries: AllowlistEntry[];
  problems: string[];
}

/** The gate's verdict. */
export interface Decision {
  ok: boolean;
  findings: Array<Finding & { status: 'blocking' | 'allowed' | 'info'; reason?: string }>;
  parseErrors: Array<{ file: string; message: string; blocking: boolean }>;
  unusedEntries: AllowlistEntry[];
  allowlistProblems: string[];
}

export declare const BLOCKING_SEVERITIES: readonly string[];
export declare const MIN_REASON_LENGTH: number;
export declare function relativeTo(root: string, file: string): string;
export declare function normalizeIssue(issue: ElectronegativityIssue, root?: string): Finding;
export declare function parseAllowlist(document: unknown): Allowlist;
export declare function decide(result: ElectronegativityResult, allowlist: Allowlist, root?: string): Decision;
export declare function formatReport(decision: Decision): string;
