import { base58 } from '@scure/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeSolanaAddress,
  decodeSolanaSignature,
  isSolanaAddress,
  SolanaAddress,
  SolanaSignature,
} from './solana';

const USDC_MAINNET = 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v';
const SYSTEM_PROGRAM = '11111111111111111111111111111111';
const bytesOf = (n: number, fill = 7) => new Uint8Array(n).fill(fill);

describe('SolanaAddress', () => {
  it('accepts real addresses, including the all-zero system program', () => {
    expect(SolanaAddress.parse(USDC_MAINNET)).toBe(USDC_MAINNET);
    expect(SolanaAddress.parse(SYSTEM_PROGRAM)).toBe(SYSTEM_PROGRAM);
    expect(decodeSolanaAddress(SYSTEM_PROGRAM)).toEqual(new Uint8Array(32));
  });

  it('accepts the encoding of any 32 bytes and decodes back to them', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const s = base58.encode(bytes);
        expect(SolanaAddress.safeParse(s).success).toBe(true);
        expect(decodeSolanaAddress(s)).toEqual(bytes);
      }),
    );
  });

  it('refuses 31 and 33 bytes', () => {
    expect(isSolanaAddress(base58.encode(bytesOf(31)))).toBe(false);
    expect(isSolanaAddress(base58.encode(bytesOf(33)))).toBe(false);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        fc.pre(bytes.length !== 32);
        expect(isSolanaAddress(base58.encode(bytes))).toBe(false);
      }),
    );
  });

  it('refuses non-canonical spellings such as an extra leading 1', () => {
    expect(isSolanaAddress(`1${USDC_MAINNET}`)).toBe(false);
    expect(isSolanaAddress(`1${SYSTEM_PROGRAM}`)).toBe(false);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        expect(isSolanaAddress(`1${base58.encode(bytes)}`)).toBe(false);
      }),
    );
  });

  it('refuses non-base58 text, padding and huge input without throwing', () => {
    const bad = [
      `${USDC_MAINNET.slice(0, -1)}0`, // '0' is not base58
      `${USDC_MAINNET.slice(0, -1)}O`,
      `${USDC_MAINNET.slice(0, -1)}l`,
      `${USDC_MAINNET.slice(0, -1)}I`,
      ` ${USDC_MAINNET}`,
      `${USDC_MAINNET}\n`,
      'z'.repeat(44), // decodes to 33 bytes
      'z'.repeat(10_000),
      '',
    ];
    for (const s of bad) expect(SolanaAddress.safeParse(s).success, s).toBe(false);
    expect(SolanaAddress.safeParse(42).success).toBe(false);
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        expect(() => decodeSolanaAddress(s)).not.toThrow();
      }),
    );
  });
});

describe('SolanaSignature', () => {
  it('accepts exactly 64 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (bytes) => {
        const s = base58.encode(bytes);
        expect(SolanaSignature.safeParse(s).success).toBe(true);
        expect(decodeSolanaSignature(s)).toEqual(bytes);
      }),
    );
  });

  it('refuses 63 and 65 bytes, an address, and a padded spelling', () => {
    for (const s of [
      base58.encode(bytesOf(63)),
      base58.encode(bytesOf(65)),
      USDC_MAINNET,
      `1${base58.encode(bytesOf(64))}`,
      `${base58.encode(bytesOf(64)).slice(0, -1)}0`,
    ]) {
      expect(SolanaSignature.safeParse(s).success, s).toBe(false);
    }
  });
});
