import type { ParsedTransaction } from './rpc';

/**
 * Every account key of a transaction in index order: the static keys, then the keys loaded from
 * address lookup tables (writable, then readonly), which is how token balances' `accountIndex`
 * counts. jsonParsed answers already list loaded keys in `accountKeys`; json answers list them in
 * `meta.loadedAddresses`.
 */
export function accountKeysOf(tx: ParsedTransaction): string[] {
  const keys = tx.transaction.message.accountKeys.map((k) =>
    typeof k === 'string' ? k : k.pubkey,
  );
  const parsedForm = tx.transaction.message.accountKeys.some((k) => typeof k !== 'string');
  const loaded = tx.meta?.loadedAddresses;
  if (!parsedForm && loaded) keys.push(...loaded.writable, ...loaded.readonly);
  return keys;
}
