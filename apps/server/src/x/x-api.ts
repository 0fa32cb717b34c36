import { DomainError } from '@puffy/core';
import { z } from 'zod';
import type { Config } from '../config';
import type { XApi } from '../deps';

export const X_SCOPES = 'tweet.read users.read';
const TIMEOUT_MS = 5000;

const TokenResponse = z.object({ access_token: z.string().min(1).max(4096) });
const MeResponse = z.object({
  data: z.object({
    id: z.string().regex(/^[0-9]{1,32}$/),
    username: z.string().min(1).max(64),
  }),
});

/**
 * A small typed client over fetch. X's answers are treated like user input: time-boxed, size-
 * limited by schema, validated. A 4xx from the token endpoint means the code was bad (the user's
 * problem: BAD_REQUEST); a timeout, a network error or a 5xx means X is unavailable.
 */
export function createXApi(x: NonNullable<Config['x']>, fetchImpl: typeof fetch = fetch): XApi {
  const call = async (url: string, init: RequestInit, what: string): Promise<unknown> => {
    let res: Response;
    try {
      res = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch {
      throw new DomainError('DEPENDENCY_UNAVAILABLE', `X did not answer the ${what} request`);
    }
    if (res.status >= 500 || res.status === 429) {
      throw new DomainError('DEPENDENCY_UNAVAILABLE', `X is unavailable (${what})`);
    }
    if (!res.ok) {
      throw new DomainError('TWITTER_EXCHANGE_FAILED', `X refused the ${what} request`);
    }
    try {
      return await res.json();
    } catch {
      throw new DomainError('DEPENDENCY_UNAVAILABLE', `X sent a malformed ${what} response`);
    }
  };

  const parse = <T>(schema: z.ZodType<T>, body: unknown, what: string): T => {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new DomainError('DEPENDENCY_UNAVAILABLE', `X sent an unexpected ${what} response`);
    }
    return parsed.data;
  };

  const basic = Buffer.from(`${x.clientId}:${x.clientSecret.reveal()}`).toString('base64');

  return {
    authorizeUrl: x.authorizeUrl,
    clientId: x.clientId,
    redirectUri: x.redirectUri,
    async exchangeCode(code, codeVerifier) {
      const body = new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: x.redirectUri,
        code_verifier: codeVerifier,
        client_id: x.clientId,
      });
      const json = await call(
        new URL('/2/oauth2/token', x.apiBaseUrl).toString(),
        {
          method: 'POST',
          headers: {
            authorization: `Basic ${basic}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body,
        },
        'token',
      );
      return parse(TokenResponse, json, 'token').access_token;
    },
    async fetchMe(accessToken) {
      const json = await call(
        new URL('/2/users/me', x.apiBaseUrl).toString(),
        { headers: { authorization: `Bearer ${accessToken}` } },
        'users/me',
      );
      return parse(MeResponse, json, 'users/me').data;
    },
  };
}
