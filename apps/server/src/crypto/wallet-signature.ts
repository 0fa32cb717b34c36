import { decodeSolanaAddress, decodeSolanaSignature } from '@puffy/core';
import { verifyEd25519Strict } from './ed25519-strict';

/**
 * Verifies an ed25519 signature by a Solana wallet over `message`.
 *
 * - The public key is decoded from the address the server stored, never from client input.
 * - Strict RFC 8032 decisions, exactly those of @noble/ed25519 with `zip215: false` (the default
 *   ZIP-215 mode accepts a small-order public key with a trivial signature for any message), with
 *   OpenSSL doing the curve arithmetic: see `verifyEd25519Strict`.
 * - Wrong lengths and anything odd are simply `false`, never a throw.
 */
export async function verifyWalletSignature(
  address: string,
  message: string | Uint8Array,
  signatureBase58: string,
): Promise<boolean> {
  const publicKey = decodeSolanaAddress(address);
  const signature = decodeSolanaSignature(signatureBase58);
  if (publicKey?.length !== 32 || signature?.length !== 64) return false;
  const bytes = typeof message === 'string' ? new TextEncoder().encode(message) : message;
  return verifyEd25519Strict(signature, bytes, publicKey);
}
