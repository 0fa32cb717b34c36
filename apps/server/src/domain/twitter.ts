import { createHash, randomBytes } from 'node:crypto';
import { DomainError, type TwitterLink } from '@puffy/core';
import { z } from 'zod';
import { isUniqueViolation } from '../db/errors';
import { selectUserByTwitterId, setTwitterAccount } from '../db/queries/users';
import type { Deps, XApi } from '../deps';
import { X_SCOPES } from '../x/x-api';

type TwitterDeps = Pick<Deps, 'database' | 'store' | 'xApi'>;

export const PKCE_TTL_SECONDS = 600;
const STATE_KEY = (state: string) => `pkce:${state}`;
const StoredState = z.object({ verifier: z.string(), userId: z.string() });

function requireX(xApi: XApi | null): XApi {
  if (!xApi) throw new DomainError('TWITTER_NOT_CONFIGURED', 'X linking is not configured');
  return xApi;
}

/** RFC 7636 S256: BASE64URL(SHA256(verifier)). */
export function codeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/**
 * `twitter.authorizeUrl`: a random state and a real PKCE verifier (43 chars, 256 bits), stored
 * for ten minutes under the state together with the caller, so only the caller can finish it.
 */
export async function startTwitterLink(
  deps: TwitterDeps,
  userId: string,
): Promise<{ url: string; state: string }> {
  const x = requireX(deps.xApi);
  const state = randomBytes(32).toString('base64url');
  const verifier = randomBytes(32).toString('base64url');
  await deps.store.put(STATE_KEY(state), JSON.stringify({ verifier, userId }), PKCE_TTL_SECONDS);
  const url = new URL(x.authorizeUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: x.clientId,
    redirect_uri: x.redirectUri,
    scope: X_SCOPES,
    state,
    code_challenge: codeChallenge(verifier),
    code_challenge_method: 'S256',
  }).toString();
  return { url: url.toString(), state };
}

/**
 * `twitter.link`: takes the state (single use, and it must be the caller's), exchanges the code
 * with the stored verifier, reads the account and links it. The X tokens are dropped here.
 */
export async function finishTwitterLink(
  deps: TwitterDeps,
  userId: string,
  input: { code: string; state: string },
): Promise<TwitterLink> {
  const x = requireX(deps.xApi);
  const raw = await deps.store.take(STATE_KEY(input.state));
  const stored = raw === null ? null : StoredState.safeParse(JSON.parse(raw));
  if (!stored?.success || stored.data.userId !== userId) {
    throw new DomainError('TWITTER_STATE_INVALID', 'Unknown, used or foreign link state');
  }
  const accessToken = await x.exchangeCode(input.code, stored.data.verifier);
  const account = await x.fetchMe(accessToken);
  const db = deps.database.db;
  if (await selectUserByTwitterId(db, account.id, userId)) {
    throw new DomainError('TWITTER_ALREADY_LINKED', 'This X account is linked to another user');
  }
  try {
    await setTwitterAccount(db, userId, account);
  } catch (err) {
    // Two users finishing at once: the unique index decides, and the loser hears why.
    if (isUniqueViolation(err, 'users_twitter_id_key')) {
      throw new DomainError('TWITTER_ALREADY_LINKED', 'This X account is linked to another user');
    }
    throw err;
  }
  return { twitterId: account.id, username: account.username };
}

export async function unlinkTwitter(deps: TwitterDeps, userId: string): Promise<{ ok: true }> {
  requireX(deps.xApi);
  await setTwitterAccount(deps.database.db, userId, null);
  return { ok: true };
}
