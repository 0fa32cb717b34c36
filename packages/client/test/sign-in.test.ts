import { createWallet, createWorld, type World } from '@puffy/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPuffyClient,
  errorReason,
  type SignInRequest,
  signInWithSolanaSignIn,
  signInWithWallet,
  type WalletSignIn,
} from '../src/index';

/** A `solana:signIn` wallet: lays out the message itself, only with the fields it was given. */
function signInWallet(wallet: Awaited<ReturnType<typeof createWallet>>): WalletSignIn {
  return {
    async signIn(input: SignInRequest) {
      const fields: Array<[string, string | undefined]> = [
        ['URI', input.uri],
        ['Version', input.version],
        ['Chain ID', input.chainId],
        ['Nonce', input.nonce],
        ['Issued At', input.issuedAt],
        ['Expiration Time', input.expirationTime],
      ];
      const text = [
        `${input.domain} wants you to sign in with your Solana account:`,
        wallet.address,
        '',
        input.statement,
        '',
        ...fields.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${v}`),
      ].join('\n');
      const signedMessage = new TextEncoder().encode(text);
      return {
        address: wallet.address,
        signedMessage,
        signature: await wallet.signMessage(signedMessage),
      };
    },
  };
}

describe('signInWithWallet over HTTP', () => {
  let world: World;
  let url: string;

  beforeAll(async () => {
    world = await createWorld({ env: { RATE_LIMIT_AUTH_PER_MIN: '1000' } });
    ({ url } = await world.listen());
  });
  afterAll(() => world.close());

  it('runs challenge → sign → verify and the token opens authed procedures', async () => {
    const wallet = await createWallet();
    const anonymous = createPuffyClient({ url });
    const session = await signInWithWallet(anonymous, wallet);
    expect(session.user.address).toBe(wallet.address);
    expect(session.expiresAt).toBeInstanceOf(Date);

    let token: string | undefined = session.token;
    const client = createPuffyClient({ url, getToken: () => token });
    expect((await client.auth.me.query()).user.id).toBe(session.user.id);
    await client.auth.logout.mutate();
    const refused = await client.auth.me.query().catch((e: unknown) => e);
    expect(errorReason(refused)).toBe('TOKEN_REVOKED');
    token = undefined;
    expect(errorReason(await client.auth.me.query().catch((e: unknown) => e))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('a wallet that signs something else is refused with SIGNATURE_INVALID', async () => {
    const wallet = await createWallet();
    const liar = {
      address: wallet.address,
      signMessage: () => wallet.signMessage(new Uint8Array([1])),
    };
    const err = await signInWithWallet(createPuffyClient({ url }), liar).catch((e: unknown) => e);
    expect(errorReason(err)).toBe('SIGNATURE_INVALID');
  });

  it("signs in with a wallet's solana:signIn (one call; the wallet builds the message)", async () => {
    const wallet = await createWallet();
    const session = await signInWithSolanaSignIn(createPuffyClient({ url }), signInWallet(wallet));
    expect(session.user.address).toBe(wallet.address);
    const other = await createWallet();
    const err = await signInWithSolanaSignIn(
      createPuffyClient({ url }),
      signInWallet(other),
      wallet.address,
    ).catch((e: unknown) => e);
    expect(errorReason(err)).toBe('SIGNATURE_INVALID');
  });
});
