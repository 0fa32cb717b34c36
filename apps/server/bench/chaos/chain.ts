import { startFakeSolanaRpc } from '../../test/fake-solana';

export interface ChainTransfer {
  signature: string;
  reference: string;
  amount: bigint;
  /** The cluster forgot it before finality (a dropped transaction). */
  dropped: boolean;
  finalized: boolean;
}

/**
 * The fake Solana node on loopback (real JSON-RPC wire format) plus the soak's ledger of what it
 * put there: every transfer by reference, so the money invariant can compare the database with
 * what the chain holds. Transfers finalize a few seconds after they land, unless dropped first.
 */
export async function startChain(options: { merchant: string; mint: string; finalizeMs: number }) {
  const rpc = await startFakeSolanaRpc();
  const transfers = new Map<string, ChainTransfer>();
  const byReference = new Map<string, ChainTransfer[]>();
  /** While set, new transfers answer null a few times first (a lagging node). */
  let lagUntil = 0;
  const timers = new Set<NodeJS.Timeout>();

  const pay = (reference: string, amount: bigint): string => {
    const signature = rpc.pay({
      reference,
      recipient: options.merchant,
      mint: options.mint,
      amount,
    });
    if (Date.now() < lagUntil) {
      rpc.lagTransaction(signature, 3);
      rpc.lagStatus(signature, 3);
    }
    const t: ChainTransfer = { signature, reference, amount, dropped: false, finalized: false };
    transfers.set(signature, t);
    byReference.set(reference, [...(byReference.get(reference) ?? []), t]);
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (t.dropped) return;
      t.finalized = true;
      rpc.setStatus(signature, 'finalized');
    }, options.finalizeMs);
    timers.add(timer);
    return signature;
  };

  return {
    url: rpc.url,
    rpc,
    pay,
    transfers,
    /** What the chain holds for a reference: the transfers it still reports. */
    heldFor: (reference: string) => (byReference.get(reference) ?? []).filter((t) => !t.dropped),
    /** Drops the newest transfer that has not finalized yet; its signature, if there was one. */
    dropOne(): string | undefined {
      const candidates = [...transfers.values()].filter((t) => !t.finalized && !t.dropped);
      const t = candidates[candidates.length - 1];
      if (!t) return undefined;
      t.dropped = true;
      rpc.setStatus(t.signature, null);
      return t.signature;
    },
    lagFor(ms: number) {
      lagUntil = Date.now() + ms;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      await rpc.close();
    },
  };
}

export type Chain = Awaited<ReturnType<typeof startChain>>;
