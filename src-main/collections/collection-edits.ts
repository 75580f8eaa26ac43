/**
 * Edits of one `.http` file's text: save a request by name (a new block at the end, or the block of that name
 * replaced, keeping what the app does not edit in it), remove one. Pure text in, text out; the service reads and
 * writes the file. Refuses what must never be written: a credential (`collection-secrets.ts`), and a body line that
 * the format would read as something else (`###` starts a new block).
 */
import { findRequestSecrets, requestSecretsMessage } from '../../src-shared/collection-secrets';
import type { CollectionRequest } from '../../src-shared/collections';
import { fail, ok, type Result } from '../../src-shared/errors';
import type { HttpBlock } from './http-file-model';
import { readHttpFile } from './http-file-reader';
import { appendBlock, removeBlock, replaceBlock } from './http-file-writer';
import { AUTH_TAG, toHttpRequest } from './request-mapping';

/** The index of the block whose request has this name (as listed: the `# @name`, else the `###` text), or -1. */
export function blockIndexByName(text: string, name: string): number {
  return readHttpFile(text).blocks.findIndex((b) => b.request !== null && (b.request.name ?? '').trim() === name.trim());
}

/** Why a request cannot be written as the format reads it back, or null. */
function formatProblem(request: CollectionRequest): string | null {
  const text = request.body.kind === 'json' || request.body.kind === 'text' ? request.body.text : '';
  if (/(^|\n)###/.test(text)) {
    return 'Not saved: a line of the body starts with ###, which the .http format reads as the start of the next request.';
  }
  if (/^<\s+\S/.test(text) || /^(>{1,2}!?|<>)\s*\S/m.test(text)) {
    return 'Not saved: the body starts with "< " or has a line starting with ">" or "<>", which the .http format reads as a file reference or a response handler.';
  }
  if (/[\r\n]/.test(request.name)) return 'Not saved: the name must be one line.';
  return null;
}

/** The text with the request saved under its name. `replaced` says whether a block of that name was replaced. */
export function saveRequestText(
  text: string,
  request: CollectionRequest,
  options: { replace: boolean; file: string },
): Result<{ text: string; replaced: boolean }> {
  const secrets = findRequestSecrets(request);
  if (secrets.length > 0) return fail({ kind: 'invalid-input', message: requestSecretsMessage(secrets) });
  const problem = formatProblem(request);
  if (problem) return fail({ kind: 'invalid-input', message: problem });
  const { blocks } = readHttpFile(text);
  const index = blocks.findIndex((b) => b.request !== null && (b.request.name ?? '').trim() === request.name.trim());
  const httpRequest = toHttpRequest(request);
  if (index < 0) {
    const block: Omit<HttpBlock, 'lines'> = {
      separator: request.name,
      comments: [],
      variables: [],
      unrecognised: [],
      preScript: [],
      request: httpRequest,
      responseHandler: [],
    };
    return ok({ text: appendBlock(text, block), replaced: false });
  }
  if (!options.replace) {
    return fail({
      kind: 'conflict',
      message: `${options.file} already has a request named “${request.name}”. Replace it, or choose another name.`,
    });
  }
  const old = blocks[index]!;
  // The old request's other tags (`# @no-redirect`…) stay; the name and the Auth choice are the new request's.
  const keptTags = (old.request?.tags ?? []).filter((t) => t.name.toLowerCase() !== AUTH_TAG);
  const block: Omit<HttpBlock, 'lines'> = {
    ...old,
    separator: old.separator === null || old.separator === '' || old.separator === old.request?.name ? request.name : old.separator,
    request: { ...httpRequest, httpVersion: old.request?.httpVersion ?? null, tags: [...keptTags, ...httpRequest.tags] },
  };
  return ok({ text: replaceBlock(text, index, block), replaced: true });
}

/** The text without the request of that name; `not-found` when there is none. */
export function removeRequestText(text: string, name: string, file: string): Result<string> {
  const index = blockIndexByName(text, name);
  if (index < 0) return fail({ kind: 'not-found', message: `${file} has no request named “${name}” (it may have been changed on disk).` });
  return ok(removeBlock(text, index));
}
