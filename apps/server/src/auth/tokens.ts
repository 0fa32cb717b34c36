import { createHash, randomUUID } from 'node:crypto';
import { DomainError } from '@puffy/core';
import { errors, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import type { Config } from '../config';
import type { TokenClaims, TokenService } from '../deps';
import type { Clock } from '../lib/clock';

export const JWT_ISSUER = 'puffy';
export const JWT_AUDIENCE = 'puffy-api';
const ALGORITHM = 'HS256';
const CLOCK_TOLERANCE_SECONDS = 5;
/** Tokens whose verification is remembered (see `verify`): ~0.5 KB each. */
const VERIFIED_TOKENS = 10_000;

/** A key id derived from the secret: rotating the secret rotates the kid, with nothing to configure. */
function keyId(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url').slice(0, 12);
}

/**
 * HS256 JWTs with jose. Verification pins everything jose leaves open by default: the algorithm
 * (no `none`, no key-type confusion), issuer, audience, the claims that must be present (jose
 * checks `exp` only if it is there) and a small clock tolerance.
 */
export function createTokenService(config: Pick<Config, 'jwt'>, clock: Clock): TokenService {
  const encoder = new TextEncoder();
  const current = config.jwt.secret.reveal();
  const currentKid = keyId(current);
  const currentKey = encoder.encode(current);
  const secrets = new Map<string, Uint8Array<ArrayBuffer>>([[currentKid, currentKey]]);
  const previous = config.jwt.previousSecret?.reveal();
  if (previous !== undefined) secrets.set(keyId(previous), encoder.encode(previous));
  // Imported once per secret: given raw bytes, jose imports a WebCrypto key on every verify,
  // which profiles of signed-in requests showed as a visible share of their CPU.
  const verifyKeys = new Map(
    [...secrets].map(([kid, secret]) => [
      kid,
      crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']),
    ]),
  );

  // A signed-in buyer sends the same token with every request, and each verification is a
  // WebCrypto HMAC (an async job) plus JSON parsing. Keyed by the whole token, a hit is exactly a
  // token that verified before; its expiry is still checked on every use. Revocation is not
  // decided here (the deny-list is read per request by `authenticate`).
  const verified = new LRUCache<string, TokenClaims>({ max: VERIFIED_TOKENS });
  const expired = (claims: TokenClaims) =>
    clock.now().getTime() >= claims.expiresAt.getTime() + CLOCK_TOLERANCE_SECONDS * 1000;

  return {
    async issue(user) {
      const now = Math.floor(clock.now().getTime() / 1000);
      const exp = now + config.jwt.ttlSeconds;
      const jti = randomUUID();
      const token = await new SignJWT({ addr: user.address, role: user.role })
        .setProtectedHeader({ alg: ALGORITHM, kid: currentKid, typ: 'JWT' })
        .setSubject(user.id)
        .setJti(jti)
        .setIssuedAt(now)
        .setExpirationTime(exp)
        .setIssuer(JWT_ISSUER)
        .setAudience(JWT_AUDIENCE)
        .sign(currentKey);
      return { token, jti, expiresAt: new Date(exp * 1000) };
    },

    async verify(token) {
      const known = verified.get(token);
      if (known) {
        if (!expired(known)) return known;
        verified.delete(token);
        throw new DomainError('TOKEN_EXPIRED', 'Session expired; sign in again');
      }
      try {
        const { payload } = await jwtVerify(
          token,
          async (header) => {
            const key = header.kid === undefined ? undefined : verifyKeys.get(header.kid);
            if (!key) throw new errors.JWKSNoMatchingKey();
            return key;
          },
          {
            algorithms: [ALGORITHM],
            issuer: JWT_ISSUER,
            audience: JWT_AUDIENCE,
            requiredClaims: ['exp', 'iat', 'sub', 'jti'],
            clockTolerance: CLOCK_TOLERANCE_SECONDS,
            currentDate: clock.now(),
          },
        );
        const { sub, jti, exp, addr, role } = payload;
        if (
          typeof sub !== 'string' ||
          typeof jti !== 'string' ||
          typeof exp !== 'number' ||
          typeof addr !== 'string' ||
          (role !== 'buyer' && role !== 'admin')
        ) {
          throw new DomainError('TOKEN_INVALID', 'Token claims are malformed');
        }
        const claims: TokenClaims = {
          userId: sub,
          address: addr,
          role,
          jti,
          expiresAt: new Date(exp * 1000),
        };
        verified.set(token, claims);
        return claims;
      } catch (err) {
        if (err instanceof DomainError) throw err;
        if (err instanceof errors.JWTExpired) {
          throw new DomainError('TOKEN_EXPIRED', 'Session expired; sign in again');
        }
        throw new DomainError('TOKEN_INVALID', 'Invalid token');
      }
    },
  };
}
