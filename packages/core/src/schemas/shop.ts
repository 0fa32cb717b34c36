import { z } from 'zod';

/**
 * What a storefront needs to know about how this shop runs, as the server is configured: it
 * previews prices, batches calls and names the chain from these, never from copies of defaults.
 */
export const ShopSettings = z.object({
  /** The referral discount in basis points (500 = 5 %). */
  referralDiscountBps: z.number().int().min(0).max(10_000),
  /** How long a new order waits for its payment. */
  paymentWindowMinutes: z.number().int().positive(),
  /** How many unpaid orders one buyer may have open at once. */
  maxOpenOrdersPerUser: z.number().int().positive(),
  /** A shortfall at or below this many USDC base units still counts as paid. */
  paymentDustBaseUnits: z.number().int().nonnegative(),
  /** The Solana cluster payments are made on. */
  cluster: z.enum(['mainnet', 'devnet', 'testnet', 'localnet']),
  /** The token mint payments are made in. */
  usdcMint: z.string(),
  /** Countries the shop ships to, and those where vapes may be sent (ISO 3166-1 alpha-2). */
  shippingCountries: z.array(z.string()),
  vapeCountries: z.array(z.string()),
  /** The most calls one batched HTTP request may carry. */
  maxBatchSize: z.number().int().positive(),
});
export type ShopSettings = z.infer<typeof ShopSettings>;
