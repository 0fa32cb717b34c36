import type { ParsedTransaction, TokenBalance } from '../../solana/rpc';
import { accountKeysOf } from '../../solana/transaction';

export interface ExpectedTransfer {
  /** The merchant wallet: the owner of the receiving token account. */
  recipient: string;
  mint: string;
  /** The merchant's token accounts for `mint` (its associated one and any other it holds). */
  tokenAccounts: ReadonlySet<string>;
}

/**
 * How many base units of `mint` the recipient gained in this transaction: the sum over its token
 * accounts of post − pre balance, compared as raw integer strings (bigint, never floats). A missing
 * pre-balance is 0 (the account was created in this transaction). A failed transaction pays nothing.
 */
export function receivedBaseUnits(tx: ParsedTransaction, expected: ExpectedTransfer): bigint {
  if (!tx.meta || tx.meta.err !== null) return 0n;
  const keys = accountKeysOf(tx);
  // Nodes name the token account's owner; where one does not, the account itself is looked up by
  // its index (which may point into a lookup table) and must be one of the merchant's accounts.
  const belongs = (b: TokenBalance) =>
    b.mint === expected.mint &&
    (b.owner !== undefined
      ? b.owner === expected.recipient
      : expected.tokenAccounts.has(keys[b.accountIndex] ?? ''));
  const pre = new Map<number, bigint>();
  for (const b of tx.meta.preTokenBalances ?? []) {
    if (belongs(b)) pre.set(b.accountIndex, BigInt(b.uiTokenAmount.amount));
  }
  let gained = 0n;
  for (const b of tx.meta.postTokenBalances ?? []) {
    if (!belongs(b)) continue;
    gained += BigInt(b.uiTokenAmount.amount) - (pre.get(b.accountIndex) ?? 0n);
  }
  return gained;
}
