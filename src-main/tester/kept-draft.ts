/**
 * What of a workbench draft may be written to disk: the draft as the history would keep it (`redaction.ts`: every
 * value under a secret-like name and every credential-looking value replaced by `REDACTED`), every body kind's
 * content judged (a draft holds all of them), and a body too large to keep left out. Says, in words, what was not
 * kept, so the tab can tell the user. Pure.
 */
import { redactComposedRequest, redactText } from '../../src-shared/redaction';
import type { ComposedRequest, KeyValue } from '../../src-shared/tester';
import { MAX_KEPT_BODY_CHARS, type SavedDraft } from '../../src-shared/workbench';

/** A draft as it may be kept, and what was replaced or left out (`header Authorization`, `JSON body`). */
export interface KeptDraft {
  draft: SavedDraft;
  notKept: string[];
}

/** Names in the notes are shown redacted too (a name can be a credential). */
function shown(name: string): string {
  return redactText(name.trim()).slice(0, 80) || '(no name)';
}

/**
 * The rows as kept: a row whose value was replaced keeps its name; an empty value stays empty (a secret-named row
 * with nothing in it holds no secret). Notes every row that changed.
 */
function keptRows(original: KeyValue[], redacted: KeyValue[], noun: string, notKept: string[]): KeyValue[] {
  return original.map((row, i) => {
    const safe = redacted[i]!;
    const value = row.value === '' ? '' : safe.value;
    if (safe.name !== row.name || value !== row.value) notKept.push(`${noun} ${shown(row.name)}`);
    return { name: safe.name, value, enabled: row.enabled };
  });
}

/** A body text as kept: empty when too large (noted), else redacted by `redact` (noted when that changed it). */
function keptText(text: string, label: string, redact: (text: string) => string, notKept: string[]): string {
  if (text.length > MAX_KEPT_BODY_CHARS) {
    notKept.push(`${label} (larger than ${Math.round(MAX_KEPT_BODY_CHARS / 1024)} KB)`);
    return '';
  }
  const safe = redact(text);
  if (safe !== text) notKept.push(label);
  return safe;
}

/** The draft as it may be written to disk, and what was not kept. */
export function keptDraft(draft: SavedDraft): KeptDraft {
  const notKept: string[] = [];
  const base: Omit<ComposedRequest, 'body'> = { method: draft.method, path: draft.path, query: draft.query, headers: draft.headers, auth: 'none' };
  const withoutBody = redactComposedRequest({ ...base, body: { kind: 'none' } });
  if (withoutBody.path !== draft.path) notKept.push('path');
  const query = keptRows(draft.query, withoutBody.query, 'query parameter', notKept);
  const headers = keptRows(draft.headers, withoutBody.headers, 'header', notKept);

  const jsonText = keptText(draft.jsonText, 'JSON body', (text) => {
    const body = redactComposedRequest({ ...base, body: { kind: 'json', text } }).body;
    return body.kind === 'json' ? body.text : '';
  }, notKept);
  const text = keptText(draft.text, 'text body', (value) => {
    const body = redactComposedRequest({ ...base, body: { kind: 'text', text: value, contentType: draft.textContentType } }).body;
    return body.kind === 'text' ? body.text : '';
  }, notKept);
  const textContentType = redactText(draft.textContentType);
  if (textContentType !== draft.textContentType) notKept.push('content type');
  const formBody = redactComposedRequest({ ...base, body: { kind: 'form', fields: draft.formFields } }).body;
  const formFields = keptRows(draft.formFields, formBody.kind === 'form' ? formBody.fields : draft.formFields, 'form field', notKept);

  return {
    draft: {
      method: draft.method,
      path: withoutBody.path,
      query,
      headers,
      bodyKind: draft.bodyKind,
      jsonText,
      formFields,
      text,
      textContentType,
      auth: draft.auth,
      endpointId: redactText(draft.endpointId),
    },
    notKept,
  };
}
