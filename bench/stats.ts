/**
 * Small statistics and the shape of one benchmark figure. Every figure is a median over repeated samples; a
 * comparison is of two medians measured side by side (interleaved) in the same run.
 */

/** The median of a list of numbers (NaN for an empty list). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The p-th percentile (0–100), nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Rounds to `digits` decimals (keeps results.json readable). */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * How a figure compares with its budget: `failed` is a figure whose condition failed (a request did not complete),
 * `error` a measurement that could not run at all.
 */
export type FigureStatus = 'ok' | 'over budget' | 'info' | 'not measured' | 'failed' | 'error';

/** One row of the printed table and of `results.json`. */
export interface Figure {
  /** Stable key in results.json. */
  id: string;
  /** What the row shows. */
  label: string;
  /** The value as printed (with its unit). */
  value: string;
  /** The budget as printed, or `—`. */
  budget: string;
  status: FigureStatus;
  /** Medians and other numbers behind the row (raw samples are summarised, never stored whole). */
  data?: Record<string, unknown>;
  /** Why a figure was not measured or failed, or a caveat worth printing under the table. */
  note?: string;
}

/** A budget check: `ok` when `value <= limit`, else `over budget`. */
export function withinBudget(value: number, limit: number): FigureStatus {
  return Number.isFinite(value) && value <= limit ? 'ok' : 'over budget';
}

/** A summary of samples for results.json: count, median, p10, p90, min, max. */
export function summarise(samples: readonly number[], digits = 3): Record<string, number> {
  return {
    n: samples.length,
    median: round(median(samples), digits),
    p10: round(percentile(samples, 10), digits),
    p90: round(percentile(samples, 90), digits),
    min: round(Math.min(...samples), digits),
    max: round(Math.max(...samples), digits),
  };
}

/** A duration in ms, printed with sensible precision. */
export function ms(value: number): string {
  return value >= 100 ? `${value.toFixed(0)} ms` : value >= 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(2)} ms`;
}

/** A byte count in KB (1 KB = 1024 bytes). */
export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** A byte count in MB (1 MB = 1024 × 1024 bytes). */
export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
