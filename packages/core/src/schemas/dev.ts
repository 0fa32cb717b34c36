import { z } from 'zod';
import { Id } from './common';

/**
 * `dev.simulatePayment` (DEV_TOOLS only): pay the caller's order through the payment simulator,
 * in full or short (`under`, to walk the underpaid path).
 */
export const DevSimulatePaymentInput = z.strictObject({
  orderId: Id,
  mode: z.enum(['full', 'under']).default('full'),
});
export type DevSimulatePaymentInput = z.input<typeof DevSimulatePaymentInput>;

/** What `dev.simulatePayment` put on the simulated chain. */
export const DevSimulatedPayment = z.object({
  signature: z.string(),
  /** The amount sent, in the token's base units (USDC: 6 decimals), as a decimal string. */
  amountBaseUnits: z.string().regex(/^\d+$/),
});
export type DevSimulatedPayment = z.infer<typeof DevSimulatedPayment>;
