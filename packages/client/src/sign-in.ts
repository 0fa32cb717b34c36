import { type AuthSession, encodeSolanaSignature, type SignInRequest } from '@puffy/core';
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

/**
 * A wallet with the Wallet Standard's `solana:signIn` (Phantom, Solflare, Backpack, …): given the
 * server's input, it lays out the Sign-In-With-Solana message itself, asks the user once (connect
 * and sign together), and returns the account, the exact bytes it signed and the signature.
 */
export interface WalletSignIn {
  signIn(input: SignInRequest): Promise<{
    address: string;
    signedMessage: Uint8Array;
    signature: Uint8Array;
  }>;
}

/**
 * One-click sign-in: asks the API for the sign-in input, hands it to the wallet's `signIn`, and
 * trades what the wallet returns for a session token. The server parses the wallet's message and
 * checks every field against what it issued. Pass `address` to allow only that account.
 */
export async function signInWithSolanaSignIn(
  client: PuffyClient,
  wallet: WalletSignIn,
  address?: string,
): Promise<AuthSession> {
  const request = await client.auth.signInRequest.mutate(address === undefined ? {} : { address });
  const output = await wallet.signIn(request.input);
  return client.auth.verifySignIn.mutate({
    sessionId: request.sessionId,
    address: output.address,
    // SIWS messages are text; invalid UTF-8 is refused here rather than sent altered.
    message: new TextDecoder('utf-8', { fatal: true }).decode(output.signedMessage),
    signature: encodeSolanaSignature(output.signature),
  });
}
