/**
 * Pretty-printing a JSON response in slices, so a large one shows its first screen at once and the rest follows
 * without holding the page up: `jsonc-parser`'s scanner reads the tokens, and each token's own text is copied as it
 * is (numbers, escapes and duplicate keys stay as sent), with the layout `format` in `json-text.ts` gives (two
 * spaces, `{}` and `[]` for empty containers, `": "` after a key). Only for text main has checked is JSON. Stops,
 * saying so, when the pretty text would grow beyond a bound (a deeply nested body grows far beyond its own size).
 */
import { createScanner, type SyntaxKind } from 'jsonc-parser';

/**
 * The scanner's token kinds this file reads: `jsonc-parser`'s `SyntaxKind` values (a `const enum` in its typings,
 * which isolated modules cannot read, so they are named here).
 */
const TOKEN = {
  openBrace: 1 as SyntaxKind,
  closeBrace: 2 as SyntaxKind,
  openBracket: 3 as SyntaxKind,
  closeBracket: 4 as SyntaxKind,
  comma: 5 as SyntaxKind,
  colon: 6 as SyntaxKind,
  eof: 17 as SyntaxKind,
} as const;

/** The largest pretty text made, in characters (as `json-text.ts`). */
export const MAX_PRETTY_CHARS = 64 * 1024 * 1024;

/** One slice's result: the text it adds, and whether the end was reached (or the bound). */
export interface PrettySlice {
  text: string;
  done: boolean;
  tooLarge: boolean;
}

/** A pretty-printing in progress. */
export interface PrettyRun {
  /** Formats on until `budgetMs` have passed (at least a few tokens), and answers the text added. */
  step(budgetMs: number): PrettySlice;
}

const INDENT = '  ';
const CHECK_EVERY = 2048;

/** Starts pretty-printing `text` (valid JSON). */
export function prettyRun(text: string, maxChars = MAX_PRETTY_CHARS): PrettyRun {
  const scanner = createScanner(text, true);
  let peeked: SyntaxKind | null = null;
  let depth = 0;
  let size = 0;
  let done = false;
  const indents: string[] = [''];
  const newline = (level: number) => {
    while (indents.length <= level) indents.push(indents[indents.length - 1] + INDENT);
    return `\n${indents[level]}`;
  };
  const next = (): SyntaxKind => {
    if (peeked !== null) {
      const kind = peeked;
      peeked = null;
      return kind;
    }
    return scanner.scan();
  };
  const peek = (): SyntaxKind => {
    if (peeked === null) peeked = scanner.scan();
    return peeked;
  };
  const tokenText = () => text.slice(scanner.getTokenOffset(), scanner.getTokenOffset() + scanner.getTokenLength());

  return {
    step(budgetMs) {
      if (done) return { text: '', done: true, tooLarge: false };
      const parts: string[] = [];
      const started = performance.now();
      for (let count = 1; ; count += 1) {
        const kind = next();
        if (kind === TOKEN.eof) {
          done = true;
          break;
        }
        let piece: string;
        switch (kind) {
          case TOKEN.openBrace:
          case TOKEN.openBracket: {
            const object = kind === TOKEN.openBrace;
            if (peek() === (object ? TOKEN.closeBrace : TOKEN.closeBracket)) {
              next();
              piece = object ? '{}' : '[]';
            } else {
              depth += 1;
              piece = `${object ? '{' : '['}${newline(depth)}`;
            }
            break;
          }
          case TOKEN.closeBrace:
          case TOKEN.closeBracket:
            depth = Math.max(0, depth - 1);
            piece = `${newline(depth)}${tokenText()}`;
            break;
          case TOKEN.comma:
            piece = `,${newline(depth)}`;
            break;
          case TOKEN.colon:
            piece = ': ';
            break;
          default:
            piece = tokenText();
        }
        size += piece.length;
        if (size > maxChars) {
          done = true;
          return { text: '', done: true, tooLarge: true };
        }
        parts.push(piece);
        if (count % CHECK_EVERY === 0 && performance.now() - started >= budgetMs) break;
      }
      return { text: parts.join(''), done, tooLarge: false };
    },
  };
}

/** The whole pretty text at once (tests, small bodies); null when it would be too large. */
export function prettyAll(text: string, maxChars = MAX_PRETTY_CHARS): string | null {
  const run = prettyRun(text, maxChars);
  const parts: string[] = [];
  for (;;) {
    const slice = run.step(Number.POSITIVE_INFINITY);
    if (slice.tooLarge) return null;
    parts.push(slice.text);
    if (slice.done) return parts.join('');
  }
}
