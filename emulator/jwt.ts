/**
 * HS256 access tokens (jose) with `sub`, `iat` and `exp`, signed with a random per-instance secret.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';

/** A fresh random secret for signing one instance's tokens. */
export function newSigningSecret(): Uint8Array {
  return new Uint8Array(randomBytes(32));
}

/** Signs an HS256 access token with `sub`, `iat` and `exp` (seconds) taken from `nowMs`. */
export async function signAccessToken(secret: Uint8Array, sub: string, nowMs: number, ttlSeconds: number): Promise<string> {
  const iat = Math.floor(nowMs / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(secret);
}

/** Why a token was rejected. */
export type TokenProblem = 'expired' | 'invalid';

/** Verifies an access token at `nowMs`; returns its subject or the reason it is not acceptable. */
export async function verifyAccessToken(
  secret: Uint8Array,
  token: string,
  nowMs: number,
): Promise<{ sub: string } | { problem: TokenProblem }> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      currentDate: new Date(nowMs),
      requiredClaims: ['sub', 'iat', 'exp'],
    });
    return typeof payload.sub === 'string' ? { sub: payload.sub } : { problem: 'invalid' };
  } catch (err) {
    return { problem: err instanceof joseErrors.JWTExpired ? 'expired' : 'invalid' };
  }
}
