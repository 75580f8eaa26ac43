/**
 * Reads the `.http` format of JetBrains' HTTP Client and VS Code's REST Client into blocks (see
 * `http-file-model.ts`). Lenient, as both tools are: a line that is not what its place expects is kept (as a
 * comment, a body line, or the block's `unrecognised` line) rather than failing the file. What both tools share:
 * - `###` starts a block (anything after it on the line is a comment, which JetBrains takes as the request's name);
 * - `#` and `//` start comment lines before the request; `# @name x` names the request; other `# @tags` are kept;
 * - `@name = value` lines define variables;
 * - the request line is `METHOD URL [HTTP/1.1]`, or a bare URL (GET); indented lines right after it continue the
 *   URL (`    ?page=2`, `    &limit=10`);
 * - header lines `Name: value` follow until a blank line; the body runs from there to the end of the block, but for a
 *   response handler or output redirect at its end (`> {% … %}`, `> ./check.js`, `>> ./out.json`, `<> ./prev.json`);
 * - JetBrains' pre-request script (`< {% … %}` or `< ./script.js`) comes before the request line.
 */
import { REQUEST_LINE_METHODS, type HttpBlock, type HttpFile, type HttpRequest } from './http-file-model';

const SEPARATOR = /^###/;
const TAG = /^\s*(?:#|\/\/)\s*@([A-Za-z][\w-]*)(?:\s+(.*?))?\s*$/;
const COMMENT = /^\s*(?:#|\/\/)/;
const VARIABLE = /^\s*@([A-Za-z_$][\w.$-]*)\s*=\s?(.*?)\s*$/;
const REQUEST_LINE = /^([A-Z]+)\s+(\S.*?)(?:\s+(HTTP\/\d(?:\.\d)?))?\s*$/;
const BARE_URL = /^(?:https?:\/\/|\{\{|\/)\S*(?:\s+(HTTP\/\d(?:\.\d)?))?\s*$/;
const HEADER = /^([^\s:][^:]*?)\s*:\s?(.*?)\s*$/;
const HANDLER = /^(?:>{1,2}!?|<>)\s*\S/;
const VERSION_AT_END = /\s+(HTTP\/\d(?:\.\d)?)\s*$/;

/** The request line's parts, or null when the line is not one. */
function requestLine(line: string): { method: string | null; url: string; httpVersion: string | null } | null {
  const m = REQUEST_LINE.exec(line);
  if (m && (REQUEST_LINE_METHODS as readonly string[]).includes(m[1]!)) {
    return { method: m[1]!, url: m[2]!, httpVersion: m[3] ?? null };
  }
  if (BARE_URL.test(line)) {
    const version = VERSION_AT_END.exec(line);
    return { method: null, url: (version ? line.slice(0, version.index) : line).trim(), httpVersion: version?.[1] ?? null };
  }
  return null;
}

/** Reads one block's lines (the separator line excluded). */
function readBlock(lines: string[], separator: string | null, range: { start: number; end: number }): HttpBlock {
  const block: HttpBlock = { separator, comments: [], variables: [], unrecognised: [], preScript: [], request: null, responseHandler: [], lines: range };
  let name: string | null = null;
  const tags: { name: string; value: string }[] = [];
  let i = 0;
  // Before the request line.
  for (; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const tag = TAG.exec(line);
    if (tag) {
      if (tag[1]!.toLowerCase() === 'name') name = (tag[2] ?? '').trim() || null;
      else tags.push({ name: tag[1]!, value: tag[2] ?? '' });
      continue;
    }
    if (COMMENT.test(line)) {
      block.comments.push(line.trimEnd());
      continue;
    }
    const variable = VARIABLE.exec(line);
    if (variable) {
      block.variables.push({ name: variable[1]!, value: variable[2]! });
      continue;
    }
    if (/^<\s*\{%/.test(line)) {
      for (; i < lines.length; i += 1) {
        block.preScript.push(lines[i]!.trimEnd());
        if (lines[i]!.includes('%}')) break;
      }
      continue;
    }
    if (/^<\s+\S/.test(line)) {
      block.preScript.push(line.trimEnd());
      continue;
    }
    const parsed = requestLine(line.trim());
    if (!parsed) {
      block.unrecognised.push(line.trimEnd());
      continue;
    }
    i += 1;
    // Indented lines right after the request line continue its URL.
    let url = parsed.url;
    let httpVersion = parsed.httpVersion;
    for (; i < lines.length && /^\s+\S/.test(lines[i]!); i += 1) url += lines[i]!.trim();
    const version = VERSION_AT_END.exec(url);
    if (version && !httpVersion) {
      httpVersion = version[1]!;
      url = url.slice(0, version.index);
    }
    block.request = { name: name ?? (separator || null), method: parsed.method, url, httpVersion, headers: [], body: null, tags };
    break;
  }
  if (!block.request) {
    if (name !== null || tags.length > 0) block.comments.push(...tagLines(name, tags));
    return block;
  }
  const request: HttpRequest = block.request;
  // Headers, up to the first blank line; comment lines among them are skipped.
  let bodyStart = lines.length;
  for (; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (line.trim() === '') {
      bodyStart = i + 1;
      break;
    }
    if (COMMENT.test(line)) continue;
    const header = HEADER.exec(line);
    if (!header) {
      bodyStart = i; // a body with no blank line before it: read as the body
      break;
    }
    request.headers.push({ name: header[1]!, value: header[2]! });
  }
  // The body, then a response handler or output redirect at its end.
  const rest = lines.slice(bodyStart);
  const handlerAt = rest.findIndex((line) => HANDLER.test(line));
  const bodyLines = handlerAt < 0 ? rest : rest.slice(0, handlerAt);
  if (handlerAt >= 0) block.responseHandler = trimBlankEnd(rest.slice(handlerAt)).map((l) => l.trimEnd());
  const body = trimBlankEnd(bodyLines);
  while (body.length > 0 && body[0]!.trim() === '') body.shift();
  request.body = body.length > 0 ? body.join('\n') : null;
  return block;
}

/** The tag lines of a block that has no request (so nothing is lost when it is written again). */
function tagLines(name: string | null, tags: { name: string; value: string }[]): string[] {
  return [...(name !== null ? [`# @name ${name}`] : []), ...tags.map((t) => `# @${t.name}${t.value ? ` ${t.value}` : ''}`)];
}

function trimBlankEnd(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === '') end -= 1;
  return lines.slice(0, end);
}

/** The lines of a text, without the empty string after a final line break. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Reads a whole file. The part before the first `###` is a block of its own when it holds anything (REST Client
 * files often start with variables, or with a request).
 */
export function readHttpFile(text: string): HttpFile {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = splitLines(text);
  const starts: number[] = [];
  lines.forEach((line, index) => {
    if (SEPARATOR.test(line)) starts.push(index);
  });
  const blocks: HttpBlock[] = [];
  const firstEnd = starts[0] ?? lines.length;
  if (lines.slice(0, firstEnd).some((line) => line.trim() !== '')) {
    blocks.push(readBlock(lines.slice(0, firstEnd), null, { start: 0, end: firstEnd }));
  }
  starts.forEach((start, n) => {
    const end = starts[n + 1] ?? lines.length;
    const separator = lines[start]!.replace(SEPARATOR, '').trim();
    blocks.push(readBlock(lines.slice(start + 1, end), separator, { start, end }));
  });
  return { blocks, eol };
}
