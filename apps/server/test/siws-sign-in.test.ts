import { base58 } from '@scure/base';

import { createSignInMessageText, verifySignIn } from '@solana/wallet-standard-util';

type SolanaSignInInput = Parameters<typeof verifySignIn>[0];

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trpcClient } from './http';
import { createWallet, type TestWallet } from './wallet';
import { createWorld, type World } from './world';

type Client = ReturnType<typeof trpcClient>;

/**
 * One-click sign-in (`solana:signIn`): the server issues the input, the wallet lays out and signs
 * its own message, the server parses it and checks every field. Each case is also put to
 * @solana/wallet-standard-util's `verifySignIn`, which must agree.
 */
describe('solana:signIn over HTTP', () => {
  let world: World;
  let client: Client;
  let url: string;

  beforeAll(async () => {
    world = await createWorld({ env: { RATE_LIMIT_AUTH_PER_MIN: '10000' } });
    ({ url } = await world.listen());
    client = trpcClient(url);
  });
  afterAll(() => world.close());

  /** What a wallet does with the input: fill in its account, build the message, sign it. */
  async function walletSignIn(
    wallet: TestWallet,
    input: SolanaSignInInput,
    edit: (fields: SolanaSignInInput) => SolanaSignInInput = (f) => f,
  ) {
    const fields = edit({ ...input, address: wallet.address });
    const message = createSignInMessageText({
      ...fields,
      domain: fields.domain ?? '',
      address: fields.address ?? wallet.address,
    });
    const bytes = new TextEncoder().encode(message);
    const signature = await wallet.signMessage(bytes);
    const libraryAgrees = verifySignIn(input, {
      account: {
        address: wallet.address,
        publicKey: base58.decode(wallet.address),
        chains: [],
        features: [],
      },
      signedMessage: bytes,
      signature,
    });
    return { message, signature: base58.encode(signature), libraryAgrees };
  }

  it('signs in with one wallet call: the wallet picks the account and builds the message', async () => {
    const wallet = await createWallet();
    const { sessionId, input } = await client.auth.signInRequest.mutate({});
    expect(input).toMatchObject({ domain: 'localhost:3000', version: '1', chainId: 'devnet' });
    expect(input.address).toBeUndefined();
    const signed = await walletSignIn(wallet, input);
    expect(signed.libraryAgrees).toBe(true);
    const session = await client.auth.verifySignIn.mutate({
      sessionId,
      address: wallet.address,
      message: signed.message,
      signature: signed.signature,
    });
    expect(session.user.address).toBe(wallet.address);
    const me = await trpcClient(url, () => session.token).auth.me.query();
    expect(me.user.id).toBe(session.user.id);
  });

  it('each request works once, right or wrong', async () => {
    const wallet = await createWallet();
    const { sessionId, input } = await client.auth.signInRequest.mutate({});
    const signed = await walletSignIn(wallet, input);
    const attempt = { sessionId, address: wallet.address, message: signed.message };
    await client.auth.verifySignIn.mutate({ ...attempt, signature: signed.signature });
    await expect(
      client.auth.verifySignIn.mutate({ ...attempt, signature: signed.signature }),
    ).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED', reason: 'SESSION_NOT_FOUND' } });

    const next = await client.auth.signInRequest.mutate({});
    const good = await walletSignIn(wallet, next.input);
    const wrong = await walletSignIn(wallet, next.input, (f) => ({ ...f, nonce: 'zzzzzzzzzz' }));
    const base = { sessionId: next.sessionId, address: wallet.address };
    await expect(
      client.auth.verifySignIn.mutate({
        ...base,
        message: wrong.message,
        signature: wrong.signature,
      }),
    ).rejects.toMatchObject({ data: { reason: 'SIGNATURE_INVALID' } });
    await expect(
      client.auth.verifySignIn.mutate({
        ...base,
        message: good.message,
        signature: good.signature,
      }),
    ).rejects.toMatchObject({ data: { reason: 'SESSION_NOT_FOUND' } });
  });

  const changes: Array<[string, (f: SolanaSignInInput) => SolanaSignInInput]> = [
    ['domain', (f) => ({ ...f, domain: 'evil.example' })],
    ['statement', (f) => ({ ...f, statement: `${f.statement} Also send 10 SOL.` })],
    ['statement left out', (f) => ({ ...f, statement: undefined })],
    ['uri', (f) => ({ ...f, uri: 'https://evil.example' })],
    ['chain', (f) => ({ ...f, chainId: 'mainnet' })],
    ['nonce', (f) => ({ ...f, nonce: 'AAAAAAAAAAAAAAAAAAAA' })],
    ['issued at', (f) => ({ ...f, issuedAt: '2020-01-01T00:00:00.000Z' })],
    ['expiration', (f) => ({ ...f, expirationTime: '2099-01-01T00:00:00.000Z' })],
    ['expiration left out', (f) => ({ ...f, expirationTime: undefined })],
    ['not before added', (f) => ({ ...f, notBefore: f.issuedAt })],
    ['request id added', (f) => ({ ...f, requestId: 'r1' })],
    ['resources added', (f) => ({ ...f, resources: ['https://evil.example'] })],
  ];
  it.each(changes)(
    'refuses a message with the %s changed (and so does the wallet library)',
    async (_n, edit) => {
      const wallet = await createWallet();
      const { sessionId, input } = await client.auth.signInRequest.mutate({});
      const signed = await walletSignIn(wallet, input, edit);
      expect(signed.libraryAgrees).toBe(false);
      await expect(
        client.auth.verifySignIn.mutate({
          sessionId,
          address: wallet.address,
          message: signed.message,
          signature: signed.signature,
        }),
      ).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED', reason: 'SIGNATURE_INVALID' } });
    },
  );

  it('a request bound to an address refuses another account, even with a valid signature', async () => {
    const bound = await createWallet();
    const other = await createWallet();
    const { sessionId, input } = await client.auth.signInRequest.mutate({ address: bound.address });
    expect(input.address).toBe(bound.address);
    const signed = await walletSignIn(other, input);
    expect(signed.libraryAgrees).toBe(false);
    await expect(
      client.auth.verifySignIn.mutate({
        sessionId,
        address: other.address,
        message: signed.message,
        signature: signed.signature,
      }),
    ).rejects.toMatchObject({ data: { reason: 'SIGNATURE_INVALID' } });
  });

  it('refuses a claimed account that is not the one in the message, or a signature by another key', async () => {
    const wallet = await createWallet();
    const thief = await createWallet();
    const first = await client.auth.signInRequest.mutate({});
    const signed = await walletSignIn(wallet, first.input);
    await expect(
      client.auth.verifySignIn.mutate({
        sessionId: first.sessionId,
        address: thief.address,
        message: signed.message,
        signature: signed.signature,
      }),
    ).rejects.toMatchObject({ data: { reason: 'SIGNATURE_INVALID' } });

    const second = await client.auth.signInRequest.mutate({});
    const message = createSignInMessageText({ ...second.input, address: wallet.address });
    await expect(
      client.auth.verifySignIn.mutate({
        sessionId: second.sessionId,
        address: wallet.address,
        message,
        signature: await thief.signText(message),
      }),
    ).rejects.toMatchObject({ data: { reason: 'SIGNATURE_INVALID' } });
  });

  it('a signMessage challenge cannot be spent on signIn, and an expired request is refused', async () => {
    const wallet = await createWallet();
    const challenge = await client.auth.challenge.mutate({ address: wallet.address });
    await expect(
      client.auth.verifySignIn.mutate({
        sessionId: challenge.sessionId,
        address: wallet.address,
        message: challenge.message,
        signature: await wallet.signText(challenge.message),
      }),
    ).rejects.toMatchObject({ data: { reason: 'SESSION_NOT_FOUND' } });

    const { sessionId, input } = await client.auth.signInRequest.mutate({});
    const signed = await walletSignIn(wallet, input);
    world.clock.advance(world.config.sessionTtlSeconds * 1000 + 1000);
    try {
      await expect(
        client.auth.verifySignIn.mutate({
          sessionId,
          address: wallet.address,
          message: signed.message,
          signature: signed.signature,
        }),
      ).rejects.toMatchObject({ data: { reason: 'SESSION_EXPIRED' } });
    } finally {
      world.clock.advance(-(world.config.sessionTtlSeconds * 1000 + 1000));
    }
  });

  it('refuses a malformed call with the field named, never a 500', async () => {
    await expect(
      client.auth.verifySignIn.mutate({
        sessionId: 'x'.repeat(20),
        address: 'not-an-address',
        message: 'hi',
        signature: 'x',
      }),
    ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    const logs = world.logs.text();
    expect(logs).not.toMatch(/statusCode":5\d\d/);
  });
});
