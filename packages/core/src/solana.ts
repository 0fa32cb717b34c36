import { base58 } from '@scure/base';
import { z } from 'zod';

export const SOLANA_ADDRESS_BYTES = 32;
export const SOLANA_SIGNATURE_BYTES = 64;

// 32 bytes take 32..44 base58 chars and 64 bytes take 64..88 (each leading zero byte is a '1').
// Bounding the length before decoding also keeps the quadratic base58 decoder away from huge input.
const ADDRESS_LENGTH = { min: 32, max: 44 } as const;
const SIGNATURE_LENGTH = { min: 64, max: 88 } as const;

/**
 * Decode base58 to exactly `bytes` bytes, or null. The re-encode check makes the text form
 * canonical: one key has one spelling, so a unique index on addresses cannot be sidestepped
 * (e.g. by prefixing '1', which adds a zero byte, or by any other alternate spelling).
 */
function decodeCanonical(
  s: unknown,
  bytes: number,
  length: { min: number; max: number },
): Uint8Array | null {
  if (typeof s !== 'string' || s.length < length.min || s.length > length.max) return null;
  let decoded: Uint8Array;
  try {
    decoded = base58.decode(s);
  } catch {
    return null;
  }
  if (decoded.length !== bytes) return null;
  return base58.encode(decoded) === s ? decoded : null;
}

/** The 32 public-key bytes of a canonical base58 Solana address, or null. */
export function decodeSolanaAddress(s: unknown): Uint8Array | null {
  return decodeCanonical(s, SOLANA_ADDRESS_BYTES, ADDRESS_LENGTH);
}

/** The 64 bytes of a canonical base58 ed25519 signature, or null. */
export function decodeSolanaSignature(s: unknown): Uint8Array | null {
  return decodeCanonical(s, SOLANA_SIGNATURE_BYTES, SIGNATURE_LENGTH);
}

export function isSolanaAddress(s: unknown): s is string {
  return decodeSolanaAddress(s) !== null;
}

export function isSolanaSignature(s: unknown): s is string {
  return decodeSolanaSignature(s) !== null;
}

export const SolanaAddress = z
  .string()
  .refine(isSolanaAddress, 'expected a base58 Solana address (32 bytes)')
  .describe('base58 Solana address (32 bytes)');

export const SolanaSignature = z
  .string()
  .refine(isSolanaSignature, 'expected a base58 ed25519 signature (64 bytes)')
  .describe('base58 ed25519 signature (64 bytes)');

/** The base58 text of a 64-byte ed25519 signature, as wallets' `signMessage` bytes are sent. */
export function encodeSolanaSignature(signature: Uint8Array): string {
  if (signature.length !== SOLANA_SIGNATURE_BYTES) {
    throw new RangeError(`a signature is ${SOLANA_SIGNATURE_BYTES} bytes, got ${signature.length}`);
  }
  return base58.encode(signature);
}
