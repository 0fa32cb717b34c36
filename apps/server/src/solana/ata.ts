import { createHash } from 'node:crypto';
import * as ed from '@noble/ed25519';
import { base58 } from '@scure/base';

export const TOKEN_PROGRAM_ID = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';
export const ASSOCIATED_TOKEN_PROGRAM_ID = 'ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL';

function isOnCurve(bytes: Uint8Array): boolean {
  try {
    // Lenient decoding, as Solana's curve25519-dalek `decompress` is: a PDA must not decode at all.
    ed.Point.fromBytes(bytes, true);
    return true;
  } catch {
    return false;
  }
}

/**
 * Solana's find_program_address: the first bump from 255 down whose
 * sha256(seeds ‖ bump ‖ program ‖ "ProgramDerivedAddress") is off the ed25519 curve.
 */
export function findProgramAddress(seeds: Uint8Array[], programId: string): string {
  const program = base58.decode(programId);
  for (let bump = 255; bump >= 0; bump--) {
    const hash = createHash('sha256');
    for (const seed of seeds) hash.update(seed);
    hash.update(Uint8Array.of(bump)).update(program).update('ProgramDerivedAddress');
    const candidate = new Uint8Array(hash.digest());
    if (!isOnCurve(candidate)) return base58.encode(candidate);
  }
  throw new Error('no viable program address bump');
}

/**
 * The associated token account of `owner` for `mint`: where a Solana Pay transfer of that token
 * to the merchant lands. Used when an RPC answer names the token account but not its owner.
 */
export function associatedTokenAddress(owner: string, mint: string): string {
  return findProgramAddress(
    [base58.decode(owner), base58.decode(TOKEN_PROGRAM_ID), base58.decode(mint)],
    ASSOCIATED_TOKEN_PROGRAM_ID,
  );
}
