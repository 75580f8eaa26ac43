/**
 * How the renderer writes times, durations, sizes and masked keys. Pure functions; no secret ever passes through
 * them (a masked key is built from its last four characters only).
 */

/** What a screen shows for a field the server does not send (servers in the field send little more than the email). */
export const NOT_PROVIDED = 'Not provided by this server';

/** `dc_…x9Qz`: the only form of a key the app shows after the reveal. */
export function maskedKey(last4: string): string {
  return `dc_…${last4}`;
}

/** A date and time in the user's locale, or the input when it does not parse. */
export function formatDateTime(iso: string | number): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A date in the user's locale. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/** A time of day with seconds, for history entries. */
export function formatClock(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** `45 s`, `29 min`, `1 h 5 min`: time left, rounded down to the minute above one minute. */
export function formatTimeLeft(seconds: number): string {
  if (seconds < 60) return `${Math.max(0, Math.ceil(seconds))} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** `532 B`, `1.2 KB`, `10.0 MB` (1 KB = 1024 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
