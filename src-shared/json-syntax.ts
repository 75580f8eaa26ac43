/**
 * Where a text stops being JSON, in words a person understands, from VS Code's `jsonc-parser` (the same answer on
 * every Node and Electron version, unlike V8's `JSON.parse` messages). Used by the main process to refuse a request
 * body and to explain a response body that claims to be JSON, and by the renderer's JSON views.
 */
import { printParseErrorCode, visit, type ParseError, type ParseErrorCode, type ParseOptions } from 'jsonc-parser';

/** Where and why a text is not JSON. `position` is a 0-based character offset; line and column are 1-based. */
export interface JsonSyntaxError {
  position: number;
  line: number;
  column: number;
  reason: string;
}

/** Strict JSON: no comments, no trailing commas, no empty document. */
export const STRICT_JSON: ParseOptions = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

const REASONS: Record<ReturnType<typeof printParseErrorCode>, string> = {
  InvalidSymbol: 'Unexpected character',
  InvalidNumberFormat: 'Invalid number',
  PropertyNameExpected: 'Expected a property name in double quotes',
  ValueExpected: 'Expected a value',
  ColonExpected: 'Expected ":" after the property name',
  CommaExpected: 'Expected ","',
  CloseBraceExpected: '"}" is missing',
  CloseBracketExpected: '"]" is missing',
  EndOfFileExpected: 'Unexpected text after the JSON value',
  InvalidCommentToken: 'Comments are not allowed in JSON',
  UnexpectedEndOfComment: 'A comment is not closed',
  UnexpectedEndOfString: 'A string is not closed',
  UnexpectedEndOfNumber: 'A number is cut short',
  InvalidUnicode: 'A \\u escape needs four hex digits',
  InvalidEscapeCharacter: 'Invalid escape in a string',
  InvalidCharacter: 'A string cannot contain a raw line break or control character',
  '<unknown ParseErrorCode>': 'Not valid JSON',
};

function locate(text: string, position: number, reason: string): JsonSyntaxError {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return { position, line, column, reason };
}

/** The offset of the last non-whitespace character before `offset`, or -1. */
function previousToken(text: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0 && ' \t\n\r'.includes(text[i]!)) i -= 1;
  return i;
}

/** Words one of `jsonc-parser`'s errors (from `visit` or `parseTree`) for a person. */
export function describeJsonError(text: string, error: ParseError): JsonSyntaxError {
  const { offset } = error;
  const at = text[offset];
  const name = printParseErrorCode(error.error);
  if ((name === 'PropertyNameExpected' || name === 'ValueExpected') && (at === '}' || at === ']')) {
    const comma = previousToken(text, offset);
    if (text[comma] === ',') return locate(text, comma, 'A trailing comma is not allowed in JSON');
  }
  if (name === 'InvalidSymbol' && at === "'") return locate(text, offset, 'Strings must use double quotes');
  if (name === 'InvalidSymbol' && at !== undefined) return locate(text, offset, `Unexpected character "${at}"`);
  const reason = REASONS[name];
  return locate(text, offset, at === undefined && name !== 'EndOfFileExpected' ? `${reason} at the end` : reason);
}

/**
 * Returns null when `text` is JSON, else its first error. A document nested too deeply for the parser's recursion
 * is checked by `JSON.parse` instead (iterative in V8), whose message is then given (without its quote of the text).
 */
export function jsonSyntaxError(text: string): JsonSyntaxError | null {
  const errors: ParseError[] = [];
  try {
    visit(
      text,
      {
        onError(error: ParseErrorCode, offset: number, length: number) {
          if (errors.length === 0) errors.push({ error, offset, length });
        },
      },
      STRICT_JSON,
    );
  } catch (err: unknown) {
    if (!(err instanceof RangeError)) throw err;
    try {
      JSON.parse(text);
      return null;
    } catch (parseErr: unknown) {
      const message = parseErr instanceof Error ? parseErr.message : 'Not valid JSON';
      const position = /at position (\d+)/.exec(message);
      // Without V8's quote of the text (`Unexpected token 'x', "…" is not valid JSON`): it may hold a credential.
      const reason = message.replace(/\s*(?:in JSON )?at position.*$/s, '').replace(/,\s*(?:\.\.\.)?".*$/s, '');
      return locate(text, position ? Number(position[1]) : text.length, reason);
    }
  }
  return errors[0] ? describeJsonError(text, errors[0]) : null;
}
