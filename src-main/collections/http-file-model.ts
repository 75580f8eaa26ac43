/**
 * A `.http` file as the reader sees it (the format of JetBrains' HTTP Client and VS Code's REST Client): blocks
 * separated by `###` lines, each with its comments, `# @tags`, `@variable = value` lines, an optional pre-request
 * script, a request line (`METHOD URL [HTTP/1.1]`, continued on indented lines), headers, a blank line, a body, and
 * an optional response handler. Text the app does not model is kept as written, so that replacing one request in a
 * file leaves everything else, and the parts of that request the app does not edit, as they were.
 */

/** A `Name: value` header line. */
export interface HttpHeader {
  name: string;
  value: string;
}

/** A `@name = value` line (REST Client's file variables, JetBrains' in-place variables). */
export interface HttpVariable {
  name: string;
  value: string;
}

/** A `# @tag value` (or `// @tag value`) line before a request, other than `@name`. */
export interface HttpTag {
  name: string;
  value: string;
}

/** The request of a block. */
export interface HttpRequest {
  /** From `# @name`, else the text after `###`, else null. */
  name: string | null;
  /** Upper case as written; null when the request line is a bare URL (both tools then send GET). */
  method: string | null;
  /** The URL, its continuation lines joined (`GET /api` + `    ?page=2` → `/api?page=2`). */
  url: string;
  /** `HTTP/1.1` and the like, or null. */
  httpVersion: string | null;
  headers: HttpHeader[];
  /** The body as written (lines joined with `\n`, trailing blank lines dropped), or null when there is none. */
  body: string | null;
  tags: HttpTag[];
}

/** One block of the file: from a `###` line (or the start of the file) to the next one. */
export interface HttpBlock {
  /** The text after `###` on the separator line, trimmed; null for a block that starts the file without one. */
  separator: string | null;
  /** Comment lines before the request line, as written (`# …`, `// …`), tags excluded. */
  comments: string[];
  variables: HttpVariable[];
  /** A pre-request script (`< {% … %}` or `< ./script.js`) before the request line, as written. */
  preScript: string[];
  /** The request, or null for a block of only comments and variables. */
  request: HttpRequest | null;
  /** Lines before the request line that are none of the kinds above (a `curl …` line REST Client reads), as written. */
  unrecognised: string[];
  /** A response handler or output redirect after the body (`> {% … %}`, `>> file`, `<> file`), as written. */
  responseHandler: string[];
  /** The block's lines in the file: `[start, end)`. */
  lines: { start: number; end: number };
}

/** A whole file. */
export interface HttpFile {
  blocks: HttpBlock[];
  /** `\r\n` when the file uses it, else `\n`. */
  eol: '\n' | '\r\n';
}

/** The methods the reader recognises on a request line (what both tools accept, plus JetBrains' extra protocols). */
export const REQUEST_LINE_METHODS = [
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'HEAD',
  'OPTIONS',
  'TRACE',
  'CONNECT',
  'WEBSOCKET',
  'GRAPHQL',
  'GRPC',
] as const;
