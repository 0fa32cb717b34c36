import { describe, expect, it } from 'vitest';
import type { ParsedTransaction } from '../../solana/rpc';
import { accountKeysOf } from '../../solana/transaction';
import { receivedBaseUnits } from './assess';

const MERCHANT = 'Merchant1111111111111111111111111111111111';
const ATA = 'MerchantAta11111111111111111111111111111111';
const MINT = 'Mint111111111111111111111111111111111111111';

const balance = (accountIndex: number, amount: string, extra: Record<string, string> = {}) => ({
  accountIndex,
  mint: MINT,
  uiTokenAmount: { amount, decimals: 6 },
  ...extra,
});

function tx(
  meta: Partial<NonNullable<ParsedTransaction['meta']>>,
  keys: ParsedTransaction['transaction']['message']['accountKeys'],
): ParsedTransaction {
  return {
    slot: 1,
    meta: { err: null, preTokenBalances: [], postTokenBalances: [], ...meta },
    transaction: { signatures: ['s'], message: { accountKeys: keys } },
  };
}

const expected = { recipient: MERCHANT, mint: MINT, tokenAccounts: new Set([ATA]) };

describe('receivedBaseUnits', () => {
  it('is post − pre for the merchant-owned account, with a missing pre-balance as 0', () => {
    const withPre = tx(
      {
        preTokenBalances: [balance(1, '5000000', { owner: MERCHANT })],
        postTokenBalances: [balance(1, '17340000', { owner: MERCHANT })],
      },
      ['payer', 'acct'],
    );
    expect(receivedBaseUnits(withPre, expected)).toBe(12_340_000n);
    const created = tx({ postTokenBalances: [balance(1, '12340000', { owner: MERCHANT })] }, [
      'p',
      'a',
    ]);
    expect(receivedBaseUnits(created, expected)).toBe(12_340_000n);
  });

  it('ignores other owners, other mints and failed transactions, and never uses floats', () => {
    const huge = '123456789012345678901234567890';
    const t = tx(
      {
        postTokenBalances: [
          balance(1, huge, { owner: MERCHANT }),
          balance(2, '999', { owner: 'SomeoneElse' }),
          { ...balance(3, '999', { owner: MERCHANT }), mint: 'OtherMint' },
        ],
      },
      ['p', 'a', 'b', 'c'],
    );
    expect(receivedBaseUnits(t, expected)).toBe(BigInt(huge));
    expect(
      receivedBaseUnits(
        {
          ...t,
          meta: { ...t.meta, err: { InstructionError: [0, 'x'] } } as ParsedTransaction['meta'],
        },
        expected,
      ),
    ).toBe(0n);
  });

  it('resolves an owner-less balance by account index through lookup-table keys (json encoding)', () => {
    const t = tx(
      {
        postTokenBalances: [balance(3, '2500000')],
        loadedAddresses: { writable: ['loaded0', ATA], readonly: ['ro0'] },
      },
      ['payer', 'source', 'reference'], // static keys; index 3 = loaded writable[0], 4 = ATA
    );
    expect(accountKeysOf(t)).toEqual(['payer', 'source', 'reference', 'loaded0', ATA, 'ro0']);
    expect(receivedBaseUnits(t, expected)).toBe(0n);
    const right = tx(
      {
        postTokenBalances: [balance(4, '2500000')],
        loadedAddresses: { writable: ['loaded0', ATA], readonly: [] },
      },
      ['payer', 'source', 'reference'],
    );
    expect(receivedBaseUnits(right, expected)).toBe(2_500_000n);
  });
});
