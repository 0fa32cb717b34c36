import type { PaymentSimulator, SimulatedTransfer } from '../deps';
import { associatedTokenAddress } from '../solana/ata';
import { randomAddress, startFakeSolanaNode, TOKEN_PROGRAM } from './fake-solana';

export interface PaymentSimulatorOptions {
  /**
   * How long a simulated transfer stays `confirmed` before it is `finalized`, so a developer (and
   * the end-to-end test) sees the order sit in PAID before the worker confirms it.
   */
  finalizeAfterMs?: number;
}

/**
 * The dev payment simulator: the fake Solana JSON-RPC node (real wire format), run inside the
 * server when DEV_TOOLS is on and no SOLANA_RPC_URL is given. The worker reads it like any node;
 * `pay` puts a transfer to the merchant's associated token account on it, as a buyer's wallet
 * would (the ledger keeps the balances its pre/post token balances show).
 */
export async function startPaymentSimulator(
  options: PaymentSimulatorOptions = {},
): Promise<PaymentSimulator> {
  const finalizeAfterMs = options.finalizeAfterMs ?? 3000;
  const node = await startFakeSolanaNode();
  const timers = new Set<NodeJS.Timeout>();

  return {
    url: node.url,
    pay(transfer: SimulatedTransfer): string {
      const account = associatedTokenAddress(transfer.recipient, transfer.mint);
      const signature = node.submit({
        keys: [randomAddress(), account, transfer.reference, TOKEN_PROGRAM],
        moves: [
          { account, owner: transfer.recipient, mint: transfer.mint, delta: transfer.amount },
        ],
        confirmationStatus: 'confirmed',
      });
      const timer = setTimeout(() => {
        timers.delete(timer);
        node.setStatus(signature, 'finalized');
      }, finalizeAfterMs);
      timers.add(timer);
      return signature;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await node.close();
    },
  };
}
