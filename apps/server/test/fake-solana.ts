import {
  type Confirmation,
  type FakeSolanaOptions,
  randomAddress,
  SYSTEM_PROGRAM,
  startFakeSolanaNode,
  TOKEN_PROGRAM,
} from '../src/dev/fake-solana';
import { associatedTokenAddress } from '../src/solana/ata';

export { DEVNET_GENESIS_HASH, type FakeSolanaOptions, randomAddress } from '../src/dev/fake-solana';

/**
 * What the payment tests script on the fake node (src/dev/fake-solana.ts): wallets paying Solana
 * Pay requests, junk anyone can attach to a public reference or to the merchant's account, floods,
 * failed-transaction bulk, payments naming several references, extra token accounts, refunds out.
 */

export interface TransferSpec {
  reference: string;
  /** The wallet that owns the receiving token account (the merchant). */
  recipient: string;
  mint: string;
  /** Raw base units received. */
  amount: bigint;
  /** The receiving token account; default the recipient's associated token account. */
  toAccount?: string;
  /** More references the transaction names (a wallet paying two orders at once). */
  moreReferences?: string[];
  /** The recipient's token balance before, as the transaction shows it (default: the ledger's). */
  preBalance?: bigint;
  /** A failed transaction: balances do not move and `err` is set. */
  failed?: boolean;
  /** Put the recipient's token account in an address lookup table, and omit `owner`. */
  viaLookupTable?: boolean;
  confirmationStatus?: Confirmation;
  /** Listed by getSignaturesForAddress, but getTransaction answers null (a lagging node). */
  unreadable?: boolean;
}

/** A Solana Pay request as a wallet reads it; `amount` in base units. */
export interface PaymentRequest {
  reference: string;
  recipient: string;
  mint: string;
  amount: bigint;
}

export async function startFakeSolanaRpc(options: FakeSolanaOptions = {}) {
  const node = await startFakeSolanaNode(options);

  const transfer = (spec: TransferSpec): string => {
    const account = spec.toAccount ?? associatedTokenAddress(spec.recipient, spec.mint);
    const source = randomAddress();
    const references = [spec.reference, ...(spec.moreReferences ?? [])];
    return node.submit({
      keys: spec.viaLookupTable
        ? [source, ...references, TOKEN_PROGRAM]
        : [source, account, ...references, TOKEN_PROGRAM],
      ...(spec.viaLookupTable ? { lookupKeys: [account], omitOwner: true } : {}),
      moves: [{ account, owner: spec.recipient, mint: spec.mint, delta: spec.amount }],
      ...(spec.preBalance === undefined ? {} : { preBalance: spec.preBalance }),
      ...(spec.failed ? { failed: true } : {}),
      ...(spec.unreadable ? { unreadable: true } : {}),
      ...(spec.confirmationStatus ? { confirmationStatus: spec.confirmationStatus } : {}),
    });
  };

  return {
    ...node,
    /**
     * Puts a transfer on the fake chain, listed under its references and the receiving token
     * account; returns its signature.
     */
    transfer,
    /** What a wallet does with a Solana Pay request: one confirmed transfer of `amount`. */
    pay: (request: PaymentRequest, extra: Partial<TransferSpec> = {}): string =>
      transfer({ ...request, ...extra }),
    /**
     * `count` cheap transactions that name `reference` and move no tokens (what anyone can attach
     * to a public reference), successful or failed; `alsoListedUnder` adds other accounts they name
     * (e.g. the merchant's token account). Returns their signatures.
     */
    junk(
      reference: string,
      count: number,
      options: { failed?: boolean; alsoListedUnder?: string[] } = {},
    ): string[] {
      return Array.from({ length: count }, () =>
        node.submit({
          keys: [reference, ...(options.alsoListedUnder ?? []), SYSTEM_PROGRAM],
          ...(options.failed ? { failed: true } : {}),
        }),
      );
    },
    /**
     * `count` successful transactions that name `account` (the merchant's token account) and move
     * no money: what a flood of the merchant's history costs an attacker.
     */
    flood(account: string, count: number): string[] {
      return Array.from({ length: count }, () => node.submit({ keys: [account, SYSTEM_PROGRAM] }));
    },
    /**
     * `count` failed transactions, each naming every one of `references` (one transaction can name
     * about 30 accounts): the cheapest way to make references' histories long.
     */
    failedBulk(references: string[], count: number): string[] {
      return Array.from({ length: count }, () =>
        node.submit({ keys: [...references, SYSTEM_PROGRAM], failed: true }),
      );
    },
    /** Money leaving one of the merchant's token accounts (a refund, a sweep). */
    outflow(from: { account: string; owner: string; mint: string }, amount: bigint): string {
      return node.submit({
        keys: [from.account, randomAddress(), TOKEN_PROGRAM],
        moves: [{ ...from, delta: -amount }],
      });
    },
  };
}

export type FakeSolanaRpc = Awaited<ReturnType<typeof startFakeSolanaRpc>>;
