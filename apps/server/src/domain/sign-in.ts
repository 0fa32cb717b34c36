import { randomBytes } from 'node:crypto';
import {
  type AuthChallenge,
  type AuthSession,
  type AuthSignInChallenge,
  type Balance,
  DomainError,
  SignInRequest,
  type User,
} from '@puffy/core';
import { z } from 'zod';
import { verifyWalletSignature } from '../crypto/wallet-signature';
import { selectUserWithBalance, updateUserRole } from '../db/queries/users';
import type { Deps, TokenClaims } from '../deps';
import { buildSignInMessage, randomNonce, SIGN_IN_STATEMENT } from '../solana/siws';
import { signInMismatch } from '../solana/siws-match';
import { parseSignInMessage } from '../solana/siws-parse';
import { getOrCreateUser, toUser } from './users';

export type AuthDeps = Pick<Deps, 'config' | 'database' | 'store' | 'clock' | 'tokens'>;

/** How long an expired sign-in session is still kept, to answer SESSION_EXPIRED. */
const SESSION_EXPIRED_GRACE_SECONDS = 60;
const SESSION_KEY = (id: string) => `siws:${id}`;
const DENY_KEY = (jti: string) => `deny:${jti}`;

/** What the store keeps per sign-in attempt; the client never supplies any of it back. */
const StoredSession = z.object({
  address: z.string(),
  message: z.string(),
  expiresAt: z.number(),
});

/** `auth.challenge`: a fresh SIWS message bound to this address, kept for SESSION_TTL_SECONDS. */
export async function createChallenge(deps: AuthDeps, address: string): Promise<AuthChallenge> {
  const { config, clock, store } = deps;
  const issuedAt = clock.now();
  const expiresAt = new Date(issuedAt.getTime() + config.sessionTtlSeconds * 1000);
  const message = buildSignInMessage({
    domain: config.siws.domain,
    address,
    statement: SIGN_IN_STATEMENT,
    uri: config.siws.uri,
    chainId: config.siws.chain,
    nonce: randomNonce(),
    issuedAt,
    expirationTime: expiresAt,
  });
  const sessionId = randomBytes(24).toString('base64url');
  await store.put(
    SESSION_KEY(sessionId),
    JSON.stringify({ address, message, expiresAt: expiresAt.getTime() }),
    // Kept a little past its expiry so a late verify is told SESSION_EXPIRED (get a new
    // challenge) rather than SESSION_NOT_FOUND; `expiresAt` is what decides.
    config.sessionTtlSeconds + SESSION_EXPIRED_GRACE_SECONDS,
  );
  return { sessionId, message, expiresAt };
}

/**
 * `auth.verify`: takes the session atomically (it is gone after this attempt, right or wrong, so a
 * signature can never be replayed), checks its expiry, verifies the signature over the stored
 * message with the stored address's key, then gets or creates the user and issues a token.
 */
export async function verifySignIn(
  deps: AuthDeps,
  sessionId: string,
  signature: string,
): Promise<AuthSession> {
  const raw = await deps.store.take(SESSION_KEY(sessionId));
  if (raw === null) {
    throw new DomainError('SESSION_NOT_FOUND', 'Sign-in session not found, used or expired');
  }
  const session = StoredSession.parse(JSON.parse(raw));
  if (session.expiresAt <= deps.clock.now().getTime()) {
    throw new DomainError('SESSION_EXPIRED', 'Sign-in session expired; request a new challenge');
  }
  if (!(await verifyWalletSignature(session.address, session.message, signature))) {
    throw new DomainError('SIGNATURE_INVALID', 'Signature does not match the sign-in message');
  }
  const row = await getOrCreateUser(deps.database, session.address, deps.config.adminAddresses);
  const issued = await deps.tokens.issue(row);
  return { token: issued.token, expiresAt: issued.expiresAt, user: toUser(row) };
}

const SIGN_IN_KEY = (id: string) => `siws-in:${id}`;

/** A `solana:signIn` attempt: the request as issued, and the account it is bound to, if any. */
const StoredSignIn = z.object({
  address: z.string().nullable(),
  request: SignInRequest,
  expiresAt: z.number(),
});

/**
 * `auth.signInRequest`: the fields a wallet's `solana:signIn` writes into the message it builds
 * (the wallet, not the server, lays the message out), kept for SESSION_TTL_SECONDS.
 */
export async function createSignInRequest(
  deps: AuthDeps,
  address: string | undefined,
): Promise<AuthSignInChallenge> {
  const { config, clock, store } = deps;
  const issuedAt = clock.now();
  const expiresAt = new Date(issuedAt.getTime() + config.sessionTtlSeconds * 1000);
  const request: SignInRequest = {
    domain: config.siws.domain,
    ...(address === undefined ? {} : { address }),
    statement: SIGN_IN_STATEMENT,
    uri: config.siws.uri,
    version: '1',
    chainId: config.siws.chain,
    nonce: randomNonce(),
    issuedAt: issuedAt.toISOString(),
    expirationTime: expiresAt.toISOString(),
  };
  const sessionId = randomBytes(24).toString('base64url');
  await store.put(
    SIGN_IN_KEY(sessionId),
    JSON.stringify({ address: address ?? null, request, expiresAt: expiresAt.getTime() }),
    config.sessionTtlSeconds + SESSION_EXPIRED_GRACE_SECONDS,
  );
  return { sessionId, input: request, expiresAt };
}

/**
 * `auth.verifySignIn`: the `solana:signIn` counterpart of `verifySignIn`, under the same rules:
 * the attempt is taken atomically (single use, right or wrong), its expiry checked, then the
 * wallet's message is parsed strictly and every field compared with the issued request, the
 * signed-in account must be the message's (and the bound one, if the request named it), and the
 * signature must verify, strictly, with that account's key over the exact message bytes.
 */
export async function verifyWalletSignIn(
  deps: AuthDeps,
  input: { sessionId: string; address: string; message: string; signature: string },
): Promise<AuthSession> {
  const raw = await deps.store.take(SIGN_IN_KEY(input.sessionId));
  if (raw === null) {
    throw new DomainError('SESSION_NOT_FOUND', 'Sign-in session not found, used or expired');
  }
  const attempt = StoredSignIn.parse(JSON.parse(raw));
  if (attempt.expiresAt <= deps.clock.now().getTime()) {
    throw new DomainError('SESSION_EXPIRED', 'Sign-in session expired; request a new challenge');
  }
  const fields = parseSignInMessage(input.message);
  const mismatch = fields === null ? 'format' : signInMismatch(attempt.request, fields);
  if (fields === null || mismatch !== null || fields.address !== input.address) {
    throw new DomainError(
      'SIGNATURE_INVALID',
      `The signed message does not match the sign-in request (${mismatch ?? 'address'})`,
    );
  }
  if (!(await verifyWalletSignature(fields.address, input.message, input.signature))) {
    throw new DomainError('SIGNATURE_INVALID', 'Signature does not match the sign-in message');
  }
  const row = await getOrCreateUser(deps.database, fields.address, deps.config.adminAddresses);
  const issued = await deps.tokens.issue(row);
  return { token: issued.token, expiresAt: issued.expiresAt, user: toUser(row) };
}

/**
 * Resolves a bearer token to its claims (signature and expiry; not revocation: see `isRevoked`).
 * Errors carry a reason only; the token itself never reaches an error message or a log line.
 */
export async function verifyBearer(
  deps: Pick<AuthDeps, 'tokens'>,
  authorization: string | undefined,
): Promise<TokenClaims> {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(authorization ?? '');
  if (!match?.[1]) throw new DomainError('UNAUTHENTICATED', 'Sign in first');
  return deps.tokens.verify(match[1]);
}

/** Whether this token was signed out (`auth.logout`) on any instance. */
export async function isRevoked(deps: Pick<AuthDeps, 'store'>, claims: TokenClaims) {
  return (await deps.store.get(DENY_KEY(claims.jti))) !== null;
}

export const revokedError = () => new DomainError('TOKEN_REVOKED', 'This session was signed out');

/** `auth.logout`: deny-lists the token's id until the token would have expired anyway. */
export async function logout(deps: Pick<AuthDeps, 'store' | 'clock'>, claims: TokenClaims) {
  const remaining = Math.ceil((claims.expiresAt.getTime() - deps.clock.now().getTime()) / 1000);
  await deps.store.put(DENY_KEY(claims.jti), '1', Math.max(remaining, 1) + 10);
}

/**
 * `auth.me`: the caller's user, balance and linked X account, read by the token's subject, with
 * the role the caller has now (`requireUser`); a stored role that fell behind is brought up to date.
 */
export async function me(
  deps: Pick<AuthDeps, 'database'>,
  caller: Pick<TokenClaims, 'userId' | 'role'>,
): Promise<{ user: User; balance: Balance; twitter: User['twitter'] }> {
  const row = await selectUserWithBalance(deps.database.db, caller.userId);
  if (!row) throw new DomainError('UNAUTHENTICATED', 'This account no longer exists');
  const stored =
    row.user.role === caller.role
      ? row.user
      : await updateUserRole(deps.database.db, row.user.id, caller.role);
  const user = toUser(stored);
  return { user, balance: { points: row.points ?? 0 }, twitter: user.twitter };
}
