import {
  encodeSolanaSignature,
  type PuffyClient,
  type WalletSigner,
  type WalletSignIn,
} from '@puffy/client';
import type { StoredSession } from './session-store';

/** What `POST /api/session` takes: the wallet's answer to a challenge the API issued. */
export type SessionProof =
  | { kind: 'message'; sessionId: string; signature: string }
  | { kind: 'signIn'; sessionId: string; address: string; message: string; signature: string };

type AuthClient = Pick<PuffyClient, 'auth'>;

/** `solana:signMessage`: the API's exact challenge text, signed by the connected account. */
export async function proveWithMessage(
  client: AuthClient,
  signer: WalletSigner,
): Promise<SessionProof> {
  const challenge = await client.auth.challenge.mutate({ address: signer.address });
  const signature = await signer.signMessage(new TextEncoder().encode(challenge.message));
  return {
    kind: 'message',
    sessionId: challenge.sessionId,
    signature: encodeSolanaSignature(signature),
  };
}

/**
 * `solana:signIn`: one approval. The API issues the fields, the wallet picks the account, builds
 * the message and signs it; the API then checks the message field by field.
 */
export async function proveWithSignIn(
  client: AuthClient,
  wallet: WalletSignIn,
): Promise<SessionProof> {
  const request = await client.auth.signInRequest.mutate({});
  const output = await wallet.signIn(request.input);
  return {
    kind: 'signIn',
    sessionId: request.sessionId,
    address: output.address,
    // Sign-in messages are text; bytes that are not UTF-8 are refused here, not sent altered.
    message: new TextDecoder('utf-8', { fatal: true }).decode(output.signedMessage),
    signature: encodeSolanaSignature(output.signature),
  };
}

/** Trades the proof for a session: the storefront's server keeps the token in its cookie. */
export async function startSession(proof: SessionProof): Promise<StoredSession> {
  const response = await fetch('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(proof),
  });
  const body = (await response.json().catch(() => null)) as {
    expiresAt?: string;
    user?: { id: string; address: string; role: 'buyer' | 'admin' };
    message?: string;
  } | null;
  if (!response.ok || !body?.user || !body.expiresAt) {
    throw new Error(body?.message ?? 'the shop could not start a session');
  }
  return {
    expiresAt: body.expiresAt,
    address: body.user.address,
    role: body.user.role,
    userId: body.user.id,
  };
}
