/**
 * Writes `.http` blocks, and edits a file one block at a time. The app's form of a block:
 *
 *   ### Get an item
 *   # @name Get an item
 *   GET {{baseUrl}}/api/v1/items/{{id}}
 *   Accept: application/json
 *
 *   <body, when there is one>
 *
 * `###` carries the name for JetBrains' HTTP Client and `# @name` for both tools. A block's comments, tags,
 * variables, unrecognised lines, pre-request script and response handler are written back as they were read, so
 * replacing a request the user wrote in an IDE keeps what the app does not edit. Only the replaced block's lines
 * change in the file: everything else stays byte for byte (line endings included).
 */
import type { HttpBlock, HttpFile } from './http-file-model';
import { readHttpFile, splitLines } from './http-file-reader';

/** A block's lines in the app's order: separator, comments, `@name` and other tags, variables, script, request. */
export function blockLines(block: Omit<HttpBlock, 'lines'>): string[] {
  const out: string[] = [];
  if (block.separator !== null) out.push(block.separator ? `### ${block.separator}` : '###');
  out.push(...block.comments);
  const request = block.request;
  if (request?.name) out.push(`# @name ${request.name}`);
  for (const tag of request?.tags ?? []) out.push(`# @${tag.name}${tag.value ? ` ${tag.value}` : ''}`);
  for (const variable of block.variables) out.push(`@${variable.name} = ${variable.value}`);
  out.push(...block.unrecognised);
  out.push(...block.preScript);
  if (request) {
    out.push([request.method, request.url, request.httpVersion].filter((part) => part).join(' '));
    for (const header of request.headers) out.push(`${header.name}: ${header.value}`);
    if (request.body !== null) out.push('', ...request.body.split('\n'));
  }
  if (block.responseHandler.length > 0) out.push('', ...block.responseHandler);
  return out;
}

/** A whole file in the app's form: the blocks, one blank line between them, a line break at the end. */
export function writeHttpFile(file: Pick<HttpFile, 'blocks' | 'eol'>): string {
  const parts = file.blocks.map((block) => blockLines(block).join(file.eol));
  return parts.length === 0 ? '' : `${parts.join(`${file.eol}${file.eol}`)}${file.eol}`;
}

/** The lines of `text` with `[start, end)` replaced; the result ends with a line break when `text` did. */
function splice(text: string, start: number, end: number, replacement: string[]): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = splitLines(text);
  const next = [...lines.slice(0, start), ...replacement, ...lines.slice(end)];
  return next.length === 0 ? '' : `${next.join(eol)}${eol}`;
}

/**
 * Replaces the block at `index` of the file by `block`, keeping one blank line before the next block. The rest of the
 * file is unchanged.
 */
export function replaceBlock(text: string, index: number, block: Omit<HttpBlock, 'lines'>): string {
  const { blocks } = readHttpFile(text);
  const old = blocks[index];
  if (!old) throw new Error(`no block ${index}`);
  const last = index === blocks.length - 1;
  return splice(text, old.lines.start, old.lines.end, [...blockLines(block), ...(last ? [] : [''])]);
}

/** Adds a block at the end of the file, after one blank line. */
export function appendBlock(text: string, block: Omit<HttpBlock, 'lines'>): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = splitLines(text);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const next = [...lines, ...(lines.length > 0 ? [''] : []), ...blockLines(block)];
  return `${next.join(eol)}${eol}`;
}

/** Removes the block at `index` (its separator and its lines), keeping the blocks around it apart. */
export function removeBlock(text: string, index: number): string {
  const { blocks } = readHttpFile(text);
  const old = blocks[index];
  if (!old) throw new Error(`no block ${index}`);
  return splice(text, old.lines.start, old.lines.end, []);
}
