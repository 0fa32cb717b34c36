import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface FakeXAccount {
  id: string;
  username: string;
}

/**
 * A stand-in for X's OAuth 2.0 endpoints on loopback, speaking their wire format: the authorize
 * redirect, the form-encoded token exchange with Basic client auth, and GET /2/users/me. Like the
 * real server it checks that the code_verifier hashes to the code_challenge (S256), that codes are
 * single-use and that the redirect_uri matches.
 */
export async function startFakeX(client: { id: string; secret: string }) {
  const codes = new Map<
    string,
    { challenge: string; redirectUri: string; account: FakeXAccount }
  >();
  const tokens = new Map<string, FakeXAccount>();
  let nextAccount: FakeXAccount = { id: '1001', username: 'puffy_fan' };
  let failWith: number | undefined;
  const requests: Array<{ path: string; verifier?: string }> = [];
  let heldMe: { count: number; waiting: Array<() => void> } | undefined;

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const readBody = async (req: IncomingMessage) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    return body;
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake-x');
    if (failWith !== undefined && url.pathname !== '/i/oauth2/authorize') {
      const status = failWith;
      failWith = undefined;
      return json(res, status, { title: 'Service Unavailable' });
    }
    if (req.method === 'GET' && url.pathname === '/i/oauth2/authorize') {
      const q = url.searchParams;
      if (q.get('client_id') !== client.id || q.get('code_challenge_method') !== 'S256') {
        return json(res, 400, { error: 'invalid_request' });
      }
      const code = randomBytes(16).toString('hex');
      codes.set(code, {
        challenge: q.get('code_challenge') ?? '',
        redirectUri: q.get('redirect_uri') ?? '',
        account: nextAccount,
      });
      const redirect = new URL(q.get('redirect_uri') ?? '');
      redirect.searchParams.set('code', code);
      redirect.searchParams.set('state', q.get('state') ?? '');
      res.writeHead(302, { location: redirect.toString() }).end();
      return;
    }
    if (req.method === 'POST' && url.pathname === '/2/oauth2/token') {
      const expected = `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`;
      if (req.headers.authorization !== expected)
        return json(res, 401, { error: 'unauthorized_client' });
      const form = new URLSearchParams(await readBody(req));
      const code = form.get('code') ?? '';
      const verifier = form.get('code_verifier') ?? '';
      requests.push({ path: url.pathname, verifier });
      const issued = codes.get(code);
      codes.delete(code);
      const hashed = createHash('sha256').update(verifier).digest('base64url');
      if (
        !issued ||
        form.get('grant_type') !== 'authorization_code' ||
        form.get('redirect_uri') !== issued.redirectUri ||
        hashed !== issued.challenge
      ) {
        return json(res, 400, {
          error: 'invalid_request',
          error_description: 'Value passed for the authorization code was invalid.',
        });
      }
      const accessToken = randomBytes(24).toString('base64url');
      tokens.set(accessToken, issued.account);
      return json(res, 200, {
        token_type: 'bearer',
        expires_in: 7200,
        access_token: accessToken,
        scope: 'users.read tweet.read',
      });
    }
    if (req.method === 'GET' && url.pathname === '/2/users/me') {
      requests.push({ path: url.pathname });
      if (heldMe) {
        const held = heldMe;
        await new Promise<void>((release) => {
          held.waiting.push(release);
          if (held.waiting.length >= held.count) {
            heldMe = undefined;
            for (const r of held.waiting) r();
          }
        });
      }
      const account = tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
      if (!account) return json(res, 401, { title: 'Unauthorized', status: 401 });
      return json(res, 200, {
        data: { id: account.id, name: 'Puffy Fan', username: account.username },
      });
    }
    json(res, 404, { title: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const base = `http://127.0.0.1:${address.port}`;

  return {
    baseUrl: base,
    authorizeUrl: `${base}/i/oauth2/authorize`,
    requests,
    /** The X account the next authorization will belong to. */
    setNextAccount(account: FakeXAccount) {
      nextAccount = account;
    },
    /** Holds GET /2/users/me answers until `count` are waiting, then answers them all at once. */
    holdMeUntil(count: number) {
      heldMe = { count, waiting: [] };
    },
    /** Answers the next API call with this status (e.g. 503). */
    failNextWith(status: number) {
      failWith = status;
    },
    /** Plays the user's browser: follows the authorize URL and returns the code X redirects with. */
    async authorize(authorizeUrl: string): Promise<{ code: string; state: string }> {
      const res = await fetch(authorizeUrl, { redirect: 'manual' });
      const location = new URL(res.headers.get('location') ?? '');
      return {
        code: location.searchParams.get('code') ?? '',
        state: location.searchParams.get('state') ?? '',
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
