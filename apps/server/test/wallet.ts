import * as ed from '@noble/ed25519';
import { base58 } from '@scure/base';

/** A real ed25519 key pair standing in for a browser wallet (Phantom, Backpack, …). */
export interface TestWallet {
  address: string;
  signMessage(message: Uint8Array): Promise<Uint8Array>;
  /** Signs a string message and returns the base58 signature, as a storefront would send it. */
  signText(message: string): Promise<string>;
}

export async function createWallet(): Promise<TestWallet> {
  const secretKey = ed.utils.randomSecretKey();
  const publicKey = await ed.getPublicKeyAsync(secretKey);
  const signMessage = (message: Uint8Array) => ed.signAsync(message, secretKey);
  return {
    address: base58.encode(publicKey),
    signMessage,
    signText: async (message) =>
      base58.encode(await signMessage(new TextEncoder().encode(message))),
  };
}

interface AuthClient {
  auth: {
    challenge: {
      mutate(input: { address: string }): Promise<{ sessionId: string; message: string }>;
    };
    verify: {
      mutate(input: { sessionId: string; signature: string }): Promise<{
        token: string;
        user: { id: string; role: string };
      }>;
    };
  };
}

/** challenge → sign → verify, as the storefront does it. */
export async function signIn(client: AuthClient, wallet: TestWallet) {
  const challenge = await client.auth.challenge.mutate({ address: wallet.address });
  const signature = await wallet.signText(challenge.message);
  return client.auth.verify.mutate({ sessionId: challenge.sessionId, signature });
}
