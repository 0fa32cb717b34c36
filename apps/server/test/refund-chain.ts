import { randomAddress } from '../src/dev/fake-solana';
import type { PaymentShop } from './payment-shop';

/**
 * The merchant sending `amount` base units of USDC back out of its token account, as the fake
 * node shows it: the merchant's balance goes down by `amount` (a negative transfer into its own
 * account, driven through the fake's public `pay`). Returns the transaction's signature.
 */
export function sendRefund(p: PaymentShop, amount: bigint, options: { failed?: boolean } = {}) {
  const { config } = p.shop.world.deps;
  return p.rpc.pay(
    {
      reference: randomAddress(),
      recipient: config.solana.merchantWallet,
      mint: config.solana.usdcMint,
      amount: -amount,
    },
    { preBalance: 1_000_000_000_000n, ...(options.failed ? { failed: true } : {}) },
  );
}
