import { base58 } from '@scure/base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usesRealRedis } from './backends';
import { rawCall, trpcClient } from './http';
import { createWallet, signIn } from './wallet';
import { createWorld, type World } from './world';

const errorOf = (body: unknown) =>
  (body as { error: { json: { message: string; data: Record<string, unknown> } } }).error.json;

describe('wallet sign-in over HTTP', () => {
  let world: World;
  let url: string;
  let client: ReturnType<typeof trpcClient>;
  let adminWallet: Awaited<ReturnType<typeof createWallet>>;

  beforeAll(async () => {
    adminWallet = await createWallet();
    world = await createWorld({
      env: { ADMIN_ADDRESSES: adminWallet.address, RATE_LIMIT_AUTH_PER_MIN: '1000' },
    });
    ({ url } = await world.listen());
    client = trpcClient(url);
  });
  afterAll(() => world.close());

  it('signs in with a real key pair and reads the account with the token', async () => {
    const wallet = await createWallet();
    const challenge = await client.auth.challenge.mutate({ address: wallet.address });
    expect(challenge.message).toContain(wallet.address);
    expect(challenge.message).toMatch(
      /^localhost:3000 wants you to sign in with your Solana account:/,
    );
    expect(challenge.expiresAt).toBeInstanceOf(Date);
    const session = await client.auth.verify.mutate({
      sessionId: challenge.sessionId,
      signature: await wallet.signText(challenge.message),
    });
    expect(session.user).toMatchObject({ address: wallet.address, role: 'buyer', twitter: null });
    expect(session.user.referralCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    const me = await trpcClient(url, () => session.token).auth.me.query();
    expect(me.user.id).toBe(session.user.id);
    expect(me.balance).toEqual({ points: 0 });
  });

  it('a second sign-in returns the same user', async () => {
    const wallet = await createWallet();
    const first = await signIn(client, wallet);
    const second = await signIn(client, wallet);
    expect(second.user.id).toBe(first.user.id);
  });

  it('a replayed (sessionId, signature) pair fails', async () => {
    const wallet = await createWallet();
    const challenge = await client.auth.challenge.mutate({ address: wallet.address });
    const signature = await wallet.signText(challenge.message);
    await client.auth.verify.mutate({ sessionId: challenge.sessionId, signature });
    await expect(
      client.auth.verify.mutate({ sessionId: challenge.sessionId, signature }),
    ).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED', reason: 'SESSION_NOT_FOUND' } });
  });

  it('a wrong attempt burns the session: the right signature afterwards fails too', async () => {
    const wallet = await createWallet();
    const challenge = await client.auth.challenge.mutate({ address: wallet.address });
    await expect(
      client.auth.verify.mutate({
        sessionId: challenge.sessionId,
        signature: await wallet.signText('something else'),
      }),
    ).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED', reason: 'SIGNATURE_INVALID' } });
    await expect(
      client.auth.verify.mutate({
        sessionId: challenge.sessionId,
        signature: await wallet.signText(challenge.message),
      }),
    ).rejects.toMatchObject({ data: { reason: 'SESSION_NOT_FOUND' } });
  });

  it('a signature made by another key fails', async () => {
    const wallet = await createWallet();
    const thief = await createWallet();
    const challenge = await client.auth.challenge.mutate({ address: wallet.address });
    await expect(
      client.auth.verify.mutate({
        sessionId: challenge.sessionId,
        signature: await thief.signText(challenge.message),
      }),
    ).rejects.toMatchObject({ data: { reason: 'SIGNATURE_INVALID' } });
  });

  it('the small-order key with the trivial signature is rejected', async () => {
    const address = '4uQeVj5tqViQh7yWWGStvkEG1Zmhx6uasJtWCJziofM';
    const challenge = await client.auth.challenge.mutate({ address });
    const trivial = new Uint8Array(64);
    trivial[0] = 1;
    await expect(
      client.auth.verify.mutate({
        sessionId: challenge.sessionId,
        signature: base58.encode(trivial),
      }),
    ).rejects.toMatchObject({ data: { reason: 'SIGNATURE_INVALID' } });
  });

  it('wrong-length and non-base58 signatures get BAD_REQUEST, never a 500', async () => {
    const wallet = await createWallet();
    for (const signature of [
      base58.encode(new Uint8Array(63)),
      base58.encode(new Uint8Array(65)),
      'not base58 at all 0OIl',
      '',
    ]) {
      const challenge = await client.auth.challenge.mutate({ address: wallet.address });
      const res = await rawCall(url, 'auth.verify', 'mutation', {
        sessionId: challenge.sessionId,
        signature,
      });
      expect(res.status).toBe(400);
      expect(errorOf(res.body).data).toMatchObject({
        code: 'BAD_REQUEST',
        issues: [expect.objectContaining({ path: ['signature'] })],
      });
    }
  });

  it('an address that is not 32 bytes of canonical base58 is refused', async () => {
    for (const address of [base58.encode(new Uint8Array(31).fill(7)), `1${adminWallet.address}`]) {
      const res = await rawCall(url, 'auth.challenge', 'mutation', { address });
      expect(res.status).toBe(400);
    }
  });

  it('a returning wallet signs in to the very same user', async () => {
    const wallet = await createWallet();
    const first = await signIn(client, wallet);
    const again = await signIn(client, wallet);
    expect(again.user).toEqual(first.user);
  });

  it('ADMIN_ADDRESSES gives the admin role', async () => {
    const session = await signIn(client, adminWallet);
    expect(session.user.role).toBe('admin');
  });

  it('logout revokes the token until it expires; other tokens keep working', async () => {
    const wallet = await createWallet();
    const a = await signIn(client, wallet);
    const b = await signIn(client, wallet);
    await trpcClient(url, () => a.token).auth.logout.mutate();
    await expect(trpcClient(url, () => a.token).auth.me.query()).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED', reason: 'TOKEN_REVOKED' },
    });
    expect((await trpcClient(url, () => b.token).auth.me.query()).user.id).toBe(b.user.id);
  });

  it('no token, a malformed token or an expired token → UNAUTHORIZED, and none is logged', async () => {
    const wallet = await createWallet();
    const session = await signIn(client, wallet);
    await expect(client.auth.me.query()).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED', reason: 'UNAUTHENTICATED' },
    });
    await expect(trpcClient(url, () => `${session.token}x`).auth.me.query()).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED', reason: 'TOKEN_INVALID' },
    });
    world.clock.advance(world.config.jwt.ttlSeconds * 1000 + 60_000);
    try {
      await expect(trpcClient(url, () => session.token).auth.me.query()).rejects.toMatchObject({
        data: { code: 'UNAUTHORIZED', reason: 'TOKEN_EXPIRED' },
      });
    } finally {
      world.clock.advance(-(world.config.jwt.ttlSeconds * 1000 + 60_000));
    }
    const logs = world.logs.text();
    expect(logs).toContain('TOKEN_EXPIRED');
    expect(logs).not.toContain(session.token.split('.')[2]);
    expect(logs).not.toContain(world.config.jwt.secret.reveal());
  });

  it('never logs a signature or a token, right or wrong', async () => {
    const wallet = await createWallet();
    const challenge = await client.auth.challenge.mutate({ address: wallet.address });
    const wrong = await wallet.signText('not the message');
    await client.auth.verify
      .mutate({ sessionId: challenge.sessionId, signature: wrong })
      .catch(() => {});
    const again = await client.auth.challenge.mutate({ address: wallet.address });
    const right = await wallet.signText(again.message);
    const session = await client.auth.verify.mutate({
      sessionId: again.sessionId,
      signature: right,
    });
    await trpcClient(url, () => session.token).auth.logout.mutate();
    await trpcClient(url, () => session.token)
      .auth.me.query()
      .catch(() => {});
    const logs = world.logs.text();
    for (const secret of [wrong, right, session.token, again.sessionId]) {
      expect(logs).not.toContain(secret);
    }
  });
});

describe('sign-in session lifetime', () => {
  it('a session used after a short SESSION_TTL_SECONDS answers SESSION_EXPIRED', async () => {
    const world = await createWorld({ env: { SESSION_TTL_SECONDS: '10' } });
    try {
      const { url } = await world.listen();
      const client = trpcClient(url);
      const wallet = await createWallet();
      const challenge = await client.auth.challenge.mutate({ address: wallet.address });
      expect(challenge.expiresAt.getTime() - world.clock.now().getTime()).toBe(10_000);
      // Past the TTL for the app's clock, which the in-memory store also reads; Redis counts real
      // time, so against a real Redis the test waits the TTL out as well.
      world.clock.advance(10_500);
      if (usesRealRedis) await new Promise((r) => setTimeout(r, 10_500));
      await expect(
        client.auth.verify.mutate({
          sessionId: challenge.sessionId,
          signature: await wallet.signText(challenge.message),
        }),
      ).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED', reason: 'SESSION_EXPIRED' } });
    } finally {
      await world.close();
    }
  }, 30_000);
});
