/**
 * A failed connection is told by its cause in plain words, the same in Node and in Electron (whose Chromium codes
 * `http.ts` maps to Node's names); the system code is never in the message, only in `detail`.
 */
import { describe, expect, it } from 'vitest';
import { errorFromNetworkFailure } from '../../src-main/deepcurrent-api/api-client';
import { CHROMIUM_TO_NODE_CODES } from '../../src-main/platform/http';

const words = (code: string | null) => errorFromNetworkFailure(code, false, false);

describe('network failures in plain words', () => {
  it.each([
    ['ENOTFOUND', 'its name was not found'],
    ['EAI_AGAIN', 'its name was not found'],
    ['ECONNREFUSED', 'the connection was refused'],
    ['ECONNRESET', 'was reset before it answered'],
    ['UND_ERR_SOCKET', 'was reset before it answered'],
    ['ETIMEDOUT', 'the connection timed out'],
    ['EHOSTUNREACH', 'cannot be reached from this computer'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'certificate is not trusted'],
    ['CERT_HAS_EXPIRED', 'certificate is not trusted'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'certificate is not trusted'],
    ['ERR_CERT_AUTHORITY_INVALID', 'certificate is not trusted'],
  ])('%s: says "%s", and keeps the code for the Details line only', (code, cause) => {
    const error = words(code);
    expect(error.kind).toBe('network');
    expect(error.message).toContain(cause);
    expect(error.message).not.toContain(code);
    expect(error.message).not.toMatch(/\b[A-Z]{2,}_[A-Z_]+\b|\bE[A-Z]{4,}\b/);
    expect(error.detail).toBe(code);
  });

  it("tells Electron's Chromium errors by the same words as Node's", () => {
    for (const [chromium, node] of Object.entries(CHROMIUM_TO_NODE_CODES)) {
      expect(words(chromium).message, chromium).toBe(words(node).message);
    }
  });

  it('says the server cannot be reached, without a detail, when there is no code', () => {
    expect(words(null)).toEqual({ kind: 'network', message: "Cannot reach the DeepCurrent server. Check your network connection or the environment's address." });
    expect(words('ESOMETHINGNEW')).toMatchObject({ kind: 'network', detail: 'ESOMETHINGNEW', message: words(null).message });
  });

  it('tells a timeout and a cancel apart from a failed connection', () => {
    expect(errorFromNetworkFailure('ECONNRESET', true, false).kind).toBe('timeout');
    expect(errorFromNetworkFailure('ECONNRESET', false, true).kind).toBe('cancelled');
  });
});
