/**
 * Reads a pasted curl command into what it asks for (`CurlCall`): tokenised as a POSIX shell would (shell-quote:
 * quotes, `$'…'`, escapes; `$VAR` kept as written, never expanded), backslash-newline continuations joined, and
 * cut at the first shell operator (`|`, `;`, `&&`, `>`). Then curl's options are walked the way curl reads them:
 * short options may be bundled (`-sSL`, `-XPOST`), a long option takes its value from the next word.
 */
import { parse, type ParseEntry } from 'shell-quote';
import { fail, ok, type Result } from '../../src-shared/errors';

/** One piece of body data, by the option that gave it. */
export interface CurlData {
  option: 'data' | 'data-raw' | 'data-binary' | 'data-urlencode' | 'json';
  value: string;
}

/** What a curl command asks for, before it is judged against the environment. */
export interface CurlCall {
  method: string | null;
  url: string | null;
  headers: string[];
  data: CurlData[];
  /** `-G`: the data goes into the query. */
  get: boolean;
  /** `-I`: a HEAD request. */
  head: boolean;
  userAgent: string | null;
  referer: string | null;
  /** `-b` with cookies (not a file name). */
  cookie: string | null;
  /** `-u`, `--oauth2-bearer`, `-n`: a credential of the command's own. */
  credential: boolean;
  /** Options the app ignores, as written (`-L`, `-k`…). */
  ignored: string[];
  /** Words that are neither an option nor the URL. */
  stray: string[];
  /** What followed the command and was not read (`| jq .`). */
  cutAt: string | null;
}

/** Short options that take a value (curl's own letters). */
const SHORT_VALUE: Record<string, string> = {
  X: 'request', H: 'header', d: 'data', A: 'user-agent', e: 'referer', b: 'cookie', u: 'user', F: 'form',
  o: 'output', m: 'max-time', w: 'write-out', x: 'proxy', T: 'upload-file', r: 'range', c: 'cookie-jar',
  D: 'dump-header', E: 'cert', K: 'config', y: 'speed-time', Y: 'speed-limit', z: 'time-cond', C: 'continue-at',
  U: 'proxy-user', Q: 'quote', t: 'telnet-option', P: 'ftp-port',
};
/** Short options that take none. */
const SHORT_FLAG: Record<string, string> = {
  s: 'silent', S: 'show-error', L: 'location', k: 'insecure', i: 'include', I: 'head', v: 'verbose', G: 'get',
  f: 'fail', g: 'globoff', n: 'netrc', N: 'no-buffer', q: 'disable', O: 'remote-name', J: 'remote-header-name',
  R: 'remote-time', l: 'list-only', j: 'junk-session-cookies', Z: 'parallel', '#': 'progress-bar', '0': 'http1.0',
  '1': 'tlsv1', '2': 'sslv2', '3': 'sslv3', '4': 'ipv4', '6': 'ipv6', a: 'append', B: 'use-ascii', M: 'manual',
  p: 'proxytunnel', V: 'version', h: 'help',
};
/** Long options that take a value (besides the long names of {@link SHORT_VALUE}). */
const LONG_VALUE = new Set([
  'url', 'data-raw', 'data-binary', 'data-ascii', 'data-urlencode', 'json', 'form-string', 'connect-timeout',
  'retry', 'retry-delay', 'retry-max-time', 'resolve', 'connect-to', 'limit-rate', 'cacert', 'capath', 'key',
  'key-type', 'cert-type', 'ciphers', 'max-redirs', 'noproxy', 'oauth2-bearer', 'interface', 'url-query',
  'variable', 'expect100-timeout', 'keepalive-time', 'max-filesize', 'proto', 'proto-redir', 'unix-socket',
  'abstract-unix-socket', 'aws-sigv4', 'pinnedpubkey', 'dns-servers', 'local-port', 'happy-eyeballs-timeout-ms',
  'request-target', 'trace', 'trace-ascii', 'stderr', 'preproxy', 'proxy-header', 'socks5', 'socks5-hostname',
  'netrc-file', 'login-options', 'sasl-authzid', 'delegation', 'hostpubmd5', 'hostpubsha256', 'mail-from',
  'mail-rcpt', 'create-file-mode', 'output-dir', 'etag-save', 'etag-compare', 'alt-svc', 'hsts', 'doh-url',
]);
const LONG_VALUE_ALL = new Set([...LONG_VALUE, ...Object.values(SHORT_VALUE)]);

/** The text with shell line continuations (`\` at the end of a line) joined, and a leading `$ ` prompt removed. */
function joinContinuations(text: string): string {
  return text.replace(/\\\r?\n/g, ' ').replace(/^\s*\$\s+/, '');
}

/** The words of the command, up to its first shell operator (an unquoted `&` inside a URL's query is taken back in). */
function words(text: string): { words: string[]; cutAt: string | null } {
  const entries: ParseEntry[] = parse(joinContinuations(text), (name) => `$${name}`);
  const out: string[] = [];
  for (let i = 0; i < entries.length; i += 1) {
    const entry = entries[i]!;
    if (typeof entry === 'string') {
      out.push(entry);
      continue;
    }
    if ('op' in entry && entry.op === 'glob') {
      out.push(entry.pattern);
      continue;
    }
    const next = entries[i + 1];
    const previous = out[out.length - 1] ?? '';
    // `curl https://host/x?a=1&b=2` unquoted: a shell cuts at `&`, but the intent is one URL.
    if ('op' in entry && entry.op === '&' && typeof next === 'string' && /\?/.test(previous) && /^[^-\s][^\s]*=/.test(next)) {
      out[out.length - 1] = `${previous}&${next}`;
      i += 1;
      continue;
    }
    const shown = 'op' in entry ? entry.op : `#${entry.comment}`;
    return { words: out, cutAt: shown };
  }
  return { words: out, cutAt: null };
}

function emptyCall(): CurlCall {
  return { method: null, url: null, headers: [], data: [], get: false, head: false, userAgent: null, referer: null, cookie: null, credential: false, ignored: [], stray: [], cutAt: null };
}

/** Applies one option and its value (when it takes one) to the call; an error for the options the app refuses. */
function apply(call: CurlCall, name: string, value: string | null, shown: string): Result<null> {
  switch (name) {
    case 'request':
      call.method = value;
      break;
    case 'header':
      call.headers.push(value ?? '');
      break;
    case 'data':
    case 'data-ascii':
      call.data.push({ option: 'data', value: value ?? '' });
      break;
    case 'data-raw':
    case 'data-binary':
    case 'data-urlencode':
    case 'json':
      call.data.push({ option: name, value: value ?? '' });
      break;
    case 'url':
      if (call.url === null) call.url = value;
      else call.stray.push(value ?? '');
      break;
    case 'get':
      call.get = true;
      break;
    case 'head':
      call.head = true;
      break;
    case 'user-agent':
      call.userAgent = value;
      break;
    case 'referer':
      call.referer = value;
      break;
    case 'cookie':
      if (value !== null && value.includes('=')) call.cookie = value;
      else call.ignored.push(`${shown} ${value ?? ''}`.trim());
      break;
    case 'user':
    case 'oauth2-bearer':
    case 'netrc':
    case 'netrc-file':
    case 'proxy-user':
      call.credential = true;
      break;
    case 'form':
    case 'form-string':
      return fail({
        kind: 'invalid-input',
        message: `The command sends a multipart form (${shown}), which the tester cannot send. Send JSON, form fields or text instead. Nothing was imported.`,
      });
    case 'upload-file':
    case 'config':
      return fail({
        kind: 'invalid-input',
        message: `The command reads a file (${shown} ${value ?? ''}), which a pasted command cannot bring along. Nothing was imported.`,
      });
    default:
      call.ignored.push(shown);
  }
  return ok(null);
}

/**
 * The curl call a command asks for; `invalid-input` when the text is not a curl command, or uses what the tester
 * cannot send.
 */
export function readCurlCommand(text: string): Result<CurlCall> {
  let tokens: { words: string[]; cutAt: string | null };
  try {
    tokens = words(text);
  } catch {
    return fail({ kind: 'invalid-input', message: 'The command could not be read (an unclosed quote?). Nothing was imported.' });
  }
  const [program, ...args] = tokens.words;
  if (!program || !/(^|[\\/])curl(\.exe)?$/i.test(program)) {
    return fail({ kind: 'invalid-input', message: 'This is not a curl command: it should start with "curl". Nothing was imported.' });
  }
  const call = emptyCall();
  call.cutAt = tokens.cutAt;
  let optionsEnded = false;
  for (let i = 0; i < args.length; i += 1) {
    const word = args[i]!;
    if (optionsEnded || !word.startsWith('-') || word === '-') {
      if (call.url === null && word !== '') call.url = word;
      else if (word !== '') call.stray.push(word);
      continue;
    }
    if (word === '--') {
      optionsEnded = true;
      continue;
    }
    if (word.startsWith('--')) {
      const name = word.slice(2);
      const takes = LONG_VALUE_ALL.has(name);
      const value = takes ? (args[++i] ?? '') : null;
      const applied = apply(call, name, value, word);
      if (!applied.ok) return applied;
      continue;
    }
    // Bundled short options: flags, then at most one that takes the rest of the word or the next word.
    for (let c = 1; c < word.length; c += 1) {
      const letter = word[c]!;
      const valueName = SHORT_VALUE[letter];
      if (valueName) {
        const rest = word.slice(c + 1);
        const value = rest !== '' ? rest : (args[++i] ?? '');
        const applied = apply(call, valueName, value, `-${letter}`);
        if (!applied.ok) return applied;
        break;
      }
      const flagName = SHORT_FLAG[letter];
      const applied = apply(call, flagName ?? `-${letter}`, null, `-${letter}`);
      if (!applied.ok) return applied;
    }
  }
  return ok(call);
}
