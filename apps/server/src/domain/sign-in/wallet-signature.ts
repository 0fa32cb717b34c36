import * as ed from '@noble/ed25519';
import { decodeSolanaAddress, decodeSolanaSignature } from '@puffy/core';

/**
 * Verifies an ed25519 signature by a Solana wallet over `message`.
 *
 * - The public key is decoded from the address the server stored, never from client input.
 * - `zip215: false` (RFC 8032 strict): the default ZIP-215 mode accepts a small-order public key
 *   with a trivial signature for any message.
 * - noble throws on wrong lengths; lengths are checked first and anything odd is simply `false`.
 */
export async function verifyWalletSignature(
  address: string,
  message: string | Uint8Array,
  signatureBase58: string,
): Promise<boolean> {
  const publicKey = decodeSolanaAddress(address);
  const signature = decodeSolanaSignature(signatureBase58);
  if (publicKey?.length !== 32 || signature?.length !== 64) return false;
  try {
    const bytes = typeof message === 'string' ? new TextEncoder().encode(message) : message;
    return await ed.verifyAsync(signature, bytes, publicKey, {
      zip215: false,
    });
  } catch {
    return false;
  }
}
