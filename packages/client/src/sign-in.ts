import { type AuthSession, encodeSolanaSignature } from '@puffy/core';
import type { PuffyClient } from './types';

/** What a Solana wallet adapter offers: its address and `signMessage` (Phantom, Backpack, …). */
export interface WalletSigner {
  address: string;
  signMessage(message: Uint8Array): Promise<Uint8Array>;
}

/**
 * Signs in with a wallet: asks the API for a Sign-In-With-Solana message, has the wallet sign the
 * exact bytes, and trades the signature for a session token. Store the token and hand it to
 * `createPuffyClient({ getToken })`. Each challenge is single-use; on failure, call again.
 */
export async function signInWithWallet(
  client: PuffyClient,
  wallet: WalletSigner,
): Promise<AuthSession> {
  const challenge = await client.auth.challenge.mutate({ address: wallet.address });
  const signature = await wallet.signMessage(new TextEncoder().encode(challenge.message));
  return client.auth.verify.mutate({
    sessionId: challenge.sessionId,
    signature: encodeSolanaSignature(signature),
  });
}
