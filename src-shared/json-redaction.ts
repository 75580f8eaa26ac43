/**
 * Redaction of a JSON text the user typed, through a real parser (VS Code's `jsonc-parser`), so keys and values are
 * judged as the server will read them: `"pass\u0077ord"` is `password`, `"\u0064c_…"` is an API key. The text is
 * masked by offsets, so everything else stays exactly as typed. Pure: usable in every process.
 */
import { visit } from 'jsonc-parser';
import { isSecretName, looksLikeCredential, maskCredentialRuns, REDACTED } from './secret-patterns';

interface Edit {
  offset: number;
  length: number;
  text: string;
}

const MASKED = JSON.stringify(REDACTED);

/** `"name": "value"` members, for what the parser could not read (a document with syntax errors). */
const JSON_STRING_MEMBER = /("((?:[^"\\]|\\.)*)"\s*:\s*)"(?:[^"\\]|\\.)*"/g;

function decodedKey(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/** The edits that mask secrets in a JSON text; throws when the document is too deep for the parser. */
function collectEdits(text: string): { edits: Edit[]; damaged: boolean } {
  const edits: Edit[] = [];
  // One entry per open object or array: whether everything inside it is masked (it is the value of a secret name).
  const masked: boolean[] = [];
  let nextValueMasked = false;
  let damaged = false;
  const inMasked = () => masked.length > 0 && masked[masked.length - 1] === true;
  const open = () => {
    masked.push(nextValueMasked || inMasked());
    nextValueMasked = false;
  };
  visit(text, {
    onObjectBegin: open,
    onArrayBegin: open,
    onObjectEnd: () => void masked.pop(),
    onArrayEnd: () => void masked.pop(),
    onObjectProperty(property: string, offset: number, length: number) {
      nextValueMasked = isSecretName(property);
      if (looksLikeCredential(property)) edits.push({ offset, length, text: JSON.stringify(maskCredentialRuns(property)) });
    },
    onLiteralValue(value: unknown, offset: number, length: number) {
      const hidden = nextValueMasked || inMasked();
      nextValueMasked = false;
      if (hidden && (typeof value === 'string' || typeof value === 'number')) {
        edits.push({ offset, length, text: MASKED });
      } else if (typeof value === 'string' && looksLikeCredential(value)) {
        edits.push({ offset, length, text: JSON.stringify(maskCredentialRuns(value)) });
      }
    },
    onError() {
      damaged = true;
    },
  });
  return { edits, damaged };
}

function applyEdits(text: string, edits: Edit[]): string {
  let out = '';
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.offset - b.offset)) {
    if (edit.offset < at) continue;
    out += text.slice(at, edit.offset) + edit.text;
    at = edit.offset + edit.length;
  }
  return out + text.slice(at);
}

/**
 * A JSON (or JSON-like) text with every value under a secret-named key masked (strings and numbers, at any depth
 * below it) and every credential-looking key or string replaced, the rest as typed. A document with syntax errors
 * is also searched for `"secret-name": "…"` members; one nested too deeply for the parser is masked whole.
 */
export function redactJsonText(text: string): string {
  let result: { edits: Edit[]; damaged: boolean };
  try {
    result = collectEdits(text);
  } catch {
    return REDACTED;
  }
  let redacted = applyEdits(text, result.edits);
  if (result.damaged) {
    redacted = redacted.replace(JSON_STRING_MEMBER, (match, prefix: string, key: string) =>
      isSecretName(decodedKey(key)) ? `${prefix}${MASKED}` : match,
    );
  }
  return maskCredentialRuns(redacted);
}
