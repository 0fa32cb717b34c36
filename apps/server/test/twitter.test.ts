import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeChallenge } from '../src/domain/twitter';
import { usesRealPostgres } from './backends';
import { startFakeX } from './fake-x';
import { trpcClient } from './http';
import { createWallet, signIn } from './wallet';
import { createWorld, type World } from './world';

const X_CLIENT = { id: 'puffy-client-id', secret: 'puffy-client-secret-value' };

describe('linking an X account', () => {
  let world: World;
  let url: string;
  let fakeX: Awaited<ReturnType<typeof startFakeX>>;

  const signedInClient = async () => {
    const session = await signIn(trpcClient(url), await createWallet());
    return { client: trpcClient(url, () => session.token), session };
  };

  beforeAll(async () => {
    fakeX = await startFakeX(X_CLIENT);
    world = await createWorld({
      env: {
        X_CLIENT_ID: X_CLIENT.id,
        X_CLIENT_SECRET: X_CLIENT.secret,
        X_REDIRECT_URI: 'http://shop.test/x/callback',
        X_AUTHORIZE_URL: fakeX.authorizeUrl,
        X_API_BASE_URL: fakeX.baseUrl,
        RATE_LIMIT_AUTH_PER_MIN: '1000',
      },
    });
    ({ url } = await world.listen());
  });
  afterAll(async () => {
    await world.close();
    await fakeX.close();
  });

  it('builds an S256 PKCE authorize URL and links the account end to end', async () => {
    const { client } = await signedInClient();
    const { url: authorizeUrl, state } = await client.twitter.authorizeUrl.mutate();
    const params = new URL(authorizeUrl).searchParams;
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('state')).toBe(state);
    expect(params.get('scope')).toBe('tweet.read users.read');
    expect(params.get('redirect_uri')).toBe('http://shop.test/x/callback');

    fakeX.setNextAccount({ id: '2001', username: 'first_fan' });
    const { code } = await fakeX.authorize(authorizeUrl);
    expect(await client.twitter.link.mutate({ code, state })).toEqual({
      twitterId: '2001',
      username: 'first_fan',
    });
    // The verifier X received is the one whose hash we sent: a real verifier, not a placeholder.
    const verifier = fakeX.requests.at(-2)?.verifier ?? '';
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(codeChallenge(verifier)).toBe(params.get('code_challenge'));
    expect((await client.auth.me.query()).twitter).toEqual({ id: '2001', username: 'first_fan' });
  });

  it.runIf(usesRealPostgres)(
    'two users linking one X account at the same moment: the unique index lets exactly one win',
    async () => {
      for (let round = 0; round < 5; round++) {
        const users = [await signedInClient(), await signedInClient()];
        fakeX.setNextAccount({ id: `${9000 + round}`, username: `racer${round}` });
        const links = [];
        for (const { client } of users) {
          const { url: authorizeUrl, state } = await client.twitter.authorizeUrl.mutate();
          links.push({ client, state, code: (await fakeX.authorize(authorizeUrl)).code });
        }
        // Both requests get X's answer together, so both pass the app's own lookup before either
        // writes: only the unique index on users.twitter_id can refuse the second.
        fakeX.holdMeUntil(2);
        const results = await Promise.allSettled(
          links.map(({ client, code, state }) => client.twitter.link.mutate({ code, state })),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const lost = results.find((r) => r.status === 'rejected');
        expect(lost?.status === 'rejected' ? lost.reason : null).toMatchObject({
          data: { code: 'CONFLICT', reason: 'TWITTER_ALREADY_LINKED' },
        });
      }
    },
  );

  it('an X account already linked to another user → CONFLICT TWITTER_ALREADY_LINKED', async () => {
    const first = await signedInClient();
    const second = await signedInClient();
    fakeX.setNextAccount({ id: '3001', username: 'popular' });
    for (const { client } of [first, second]) {
      const { url: authorizeUrl, state } = await client.twitter.authorizeUrl.mutate();
      const { code } = await fakeX.authorize(authorizeUrl);
      if (client === first.client) {
        await client.twitter.link.mutate({ code, state });
      } else {
        await expect(client.twitter.link.mutate({ code, state })).rejects.toMatchObject({
          data: { code: 'CONFLICT', reason: 'TWITTER_ALREADY_LINKED' },
        });
      }
    }
    expect((await second.client.auth.me.query()).twitter).toBeNull();
  });

  it('a state used twice fails the second time', async () => {
    const { client } = await signedInClient();
    fakeX.setNextAccount({ id: '4001', username: 'twice' });
    const { url: authorizeUrl, state } = await client.twitter.authorizeUrl.mutate();
    const { code } = await fakeX.authorize(authorizeUrl);
    await client.twitter.link.mutate({ code, state });
    await expect(client.twitter.link.mutate({ code, state })).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST', reason: 'TWITTER_STATE_INVALID' },
    });
  });

  it('a state made for another user fails, and cannot be used by its owner afterwards', async () => {
    const owner = await signedInClient();
    const attacker = await signedInClient();
    fakeX.setNextAccount({ id: '5001', username: 'victim' });
    const { url: authorizeUrl, state } = await owner.client.twitter.authorizeUrl.mutate();
    const { code } = await fakeX.authorize(authorizeUrl);
    await expect(attacker.client.twitter.link.mutate({ code, state })).rejects.toMatchObject({
      data: { reason: 'TWITTER_STATE_INVALID' },
    });
    expect((await attacker.client.auth.me.query()).twitter).toBeNull();
  });

  it('a code X refuses → BAD_REQUEST; X being down → SERVICE_UNAVAILABLE; nothing linked', async () => {
    const { client } = await signedInClient();
    const first = await client.twitter.authorizeUrl.mutate();
    await expect(
      client.twitter.link.mutate({ code: 'forged-code', state: first.state }),
    ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST', reason: 'TWITTER_EXCHANGE_FAILED' } });
    const second = await client.twitter.authorizeUrl.mutate();
    const { code } = await fakeX.authorize(second.url);
    fakeX.failNextWith(503);
    await expect(client.twitter.link.mutate({ code, state: second.state })).rejects.toMatchObject({
      data: { code: 'SERVICE_UNAVAILABLE', reason: 'DEPENDENCY_UNAVAILABLE' },
    });
    expect((await client.auth.me.query()).twitter).toBeNull();
  });

  it('unlink removes the account so another user may link it', async () => {
    const first = await signedInClient();
    const second = await signedInClient();
    fakeX.setNextAccount({ id: '6001', username: 'moving' });
    const a = await first.client.twitter.authorizeUrl.mutate();
    await first.client.twitter.link.mutate({ ...(await fakeX.authorize(a.url)), state: a.state });
    expect(await first.client.twitter.unlink.mutate()).toEqual({ ok: true });
    expect((await first.client.auth.me.query()).twitter).toBeNull();
    const b = await second.client.twitter.authorizeUrl.mutate();
    const linked = await second.client.twitter.link.mutate({
      code: (await fakeX.authorize(b.url)).code,
      state: b.state,
    });
    expect(linked.twitterId).toBe('6001');
  });

  it('requires sign-in', async () => {
    await expect(trpcClient(url).twitter.authorizeUrl.mutate()).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
    });
  });

  it('never logs the code, the state, the verifier or the client secret', () => {
    const logs = world.logs.text();
    expect(logs).not.toContain(X_CLIENT.secret);
    for (const r of fakeX.requests) if (r.verifier) expect(logs).not.toContain(r.verifier);
  });
});

describe('X linking under the auth rate limit', () => {
  it('refuses authorizeUrl past the per-IP budget (each call stores a PKCE entry)', async () => {
    const world = await createWorld({
      env: {
        RATE_LIMIT_AUTH_PER_MIN: '4',
        X_CLIENT_ID: X_CLIENT.id,
        X_CLIENT_SECRET: X_CLIENT.secret,
        X_REDIRECT_URI: 'http://shop.test/x/callback',
      },
    });
    try {
      const { url } = await world.listen();
      const session = await signIn(trpcClient(url), await createWallet()); // 2 of 4
      const client = trpcClient(url, () => session.token);
      await client.twitter.authorizeUrl.mutate();
      await client.twitter.authorizeUrl.mutate();
      await expect(client.twitter.authorizeUrl.mutate()).rejects.toMatchObject({
        data: { code: 'TOO_MANY_REQUESTS' },
      });
    } finally {
      await world.close();
    }
  });
});

describe('X linking without X settings', () => {
  it('answers PRECONDITION_FAILED', async () => {
    const world = await createWorld();
    try {
      const { url } = await world.listen();
      const session = await signIn(trpcClient(url), await createWallet());
      const client = trpcClient(url, () => session.token);
      await expect(client.twitter.authorizeUrl.mutate()).rejects.toMatchObject({
        data: { code: 'PRECONDITION_FAILED', reason: 'TWITTER_NOT_CONFIGURED' },
      });
      await expect(
        client.twitter.link.mutate({ code: 'c', state: 's'.repeat(43) }),
      ).rejects.toMatchObject({ data: { code: 'PRECONDITION_FAILED' } });
    } finally {
      await world.close();
    }
  });
});
