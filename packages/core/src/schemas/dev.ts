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
