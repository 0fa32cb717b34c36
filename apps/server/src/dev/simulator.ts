import type { PaymentSimulator, SimulatedTransfer } from '../deps';
import { startFakeSolanaRpc } from './fake-solana';

export interface PaymentSimulatorOptions {
  /**
   * How long a simulated transfer stays `confirmed` before it is `finalized`, so a developer (and
   * the end-to-end test) sees the order sit in PAID before the worker confirms it.
   */
  finalizeAfterMs?: number;
}

/**
 * The dev payment simulator: the fake Solana JSON-RPC node the payment tests use (real wire
 * format), run inside the server when DEV_TOOLS is on and no SOLANA_RPC_URL is given. The worker
 * reads it like any node; `pay` puts a transfer to the merchant on it, as a buyer's wallet would.
 */
export async function startPaymentSimulator(
  options: PaymentSimulatorOptions = {},
): Promise<PaymentSimulator> {
  const finalizeAfterMs = options.finalizeAfterMs ?? 3000;
  const rpc = await startFakeSolanaRpc();
  const timers = new Set<NodeJS.Timeout>();
  // The merchant's token balance per account, so pre/post balances look like a real ledger.
  const balances = new Map<string, bigint>();

  return {
    url: rpc.url,
    pay(transfer: SimulatedTransfer): string {
      const account = `${transfer.recipient}:${transfer.mint}`;
      const preBalance = balances.get(account);
      balances.set(account, (preBalance ?? 0n) + transfer.amount);
      const signature = rpc.transfer({
        reference: transfer.reference,
        recipient: transfer.recipient,
        mint: transfer.mint,
        amount: transfer.amount,
        ...(preBalance === undefined ? {} : { preBalance }),
        confirmationStatus: 'confirmed',
      });
      const timer = setTimeout(() => {
        timers.delete(timer);
        rpc.setStatus(signature, 'finalized');
      }, finalizeAfterMs);
      timers.add(timer);
      return signature;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await rpc.close();
    },
  };
}
