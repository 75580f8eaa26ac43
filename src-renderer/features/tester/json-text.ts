/**
 * One JSON text as the tester shows it, through VS Code's `jsonc-parser`: Pretty (re-indented by `format`, which
 * only changes whitespace, so every number, string escape and duplicate key stays as sent) and Tree (`parseTree`,
 * whose offsets give each value's exact text). Each is computed at most once per text, when first asked for; Raw
 * needs neither.
 */
import { format, parseTree, visit, type Node, type ParseError } from 'jsonc-parser';
import { describeJsonError, jsonSyntaxError, STRICT_JSON, type JsonSyntaxError } from '../../../src-shared/json-syntax';

/** A parsed JSON text: the text, and `jsonc-parser`'s tree of it (offsets into `text`). */
export interface JsonDocument {
  text: string;
  root: Node;
}

/** A view of the text, or why it is shown raw instead. */
export type JsonView<T> = { ok: true; value: T } | { ok: false; note: string };

/** The Pretty and Tree views of one text, each computed on first use and kept. */
export interface JsonText {
  pretty(): JsonView<string>;
  tree(): JsonView<JsonDocument>;
}

/** The largest Pretty text made, in characters. */
const MAX_PRETTY_CHARS = 64 * 1024 * 1024;

const TOO_DEEP_TO_FORMAT = 'This body is nested too deeply to pretty-print, so it is shown raw.';
const TOO_DEEP_FOR_TREE = 'This body is nested too deeply to show as a tree, so it is shown raw.';

function notJson(problem: JsonSyntaxError): string {
  return `This body is not complete JSON (${problem.reason} at line ${problem.line}, column ${problem.column}), so it is shown raw.`;
}

/** Applies `format`'s edits, which come in document order and never overlap, in one pass. */
function formatted(text: string): string {
  const edits = format(text, undefined, { tabSize: 2, insertSpaces: true, eol: '\n', insertFinalNewline: false });
  const parts: string[] = [];
  let at = 0;
  for (const edit of edits) {
    parts.push(text.slice(at, edit.offset), edit.content);
    at = edit.offset + edit.length;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Valid JSON re-indented with two spaces; only whitespace changes. Check the text first: invalid text is not refused. */
export function formatJson(text: string): string {
  return formatted(text);
}

/**
 * Checks `text` and bounds the size of its Pretty form (each value on its own line, indented by its depth), in one
 * pass of the parser: the first error, or the bound.
 */
function checkForPretty(text: string): { ok: true; size: number } | { ok: false; problem: JsonSyntaxError } | { ok: false; tooDeep: true } {
  const errors: ParseError[] = [];
  let depth = 0;
  let size = text.length;
  const line = () => {
    size += 1 + 2 * depth;
  };
  try {
    visit(
      text,
      {
        onObjectBegin: () => {
          line();
          depth += 1;
        },
        onArrayBegin: () => {
          line();
          depth += 1;
        },
        onObjectEnd: () => {
          depth -= 1;
          line();
        },
        onArrayEnd: () => {
          depth -= 1;
          line();
        },
        onObjectProperty: line,
        onLiteralValue: line,
        onError: (error, offset, length) => {
          if (errors.length === 0) errors.push({ error, offset, length });
        },
      },
      STRICT_JSON,
    );
  } catch (err: unknown) {
    if (err instanceof RangeError) return { ok: false, tooDeep: true };
    throw err;
  }
  return errors[0] ? { ok: false, problem: describeJsonError(text, errors[0]) } : { ok: true, size };
}

/**
 * The views of one text (create it once per text, e.g. with `useMemo`). Pretty is refused when it would be longer
 * than `maxPrettyChars` (a deeply nested body grows far beyond its own size).
 */
export function jsonText(text: string, maxPrettyChars = MAX_PRETTY_CHARS): JsonText {
  let pretty: JsonView<string> | undefined;
  let tree: JsonView<JsonDocument> | undefined;
  return {
    pretty() {
      if (!pretty) {
        const checked = checkForPretty(text);
        if (!checked.ok) pretty = { ok: false, note: 'problem' in checked ? notJson(checked.problem) : TOO_DEEP_TO_FORMAT };
        else if (checked.size > maxPrettyChars) pretty = { ok: false, note: TOO_DEEP_TO_FORMAT };
        else pretty = { ok: true, value: formatted(text) };
      }
      return pretty;
    },
    tree() {
      if (!tree) {
        const errors: ParseError[] = [];
        let root: Node | undefined;
        try {
          root = parseTree(text, errors, STRICT_JSON);
        } catch (err: unknown) {
          if (!(err instanceof RangeError)) throw err;
          // Too deep for the parser's recursion: say so, unless the text is not JSON at all.
          const problem = jsonSyntaxError(text);
          tree = { ok: false, note: problem ? notJson(problem) : TOO_DEEP_FOR_TREE };
          return tree;
        }
        // With STRICT_JSON there is no tree only for an empty text, which is an error too.
        const first = errors[0];
        if (first) tree = { ok: false, note: notJson(describeJsonError(text, first)) };
        else if (root) tree = { ok: true, value: { text, root } };
        else tree = { ok: false, note: notJson({ position: 0, line: 1, column: 1, reason: 'Expected a value at the end' }) };
      }
      return tree;
    },
  };
}
