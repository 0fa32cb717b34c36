import { centsToBaseUnits, type DevSimulatePaymentInput, DomainError } from '@puffy/core';
import type { z } from 'zod';
import type { Deps } from '../deps';
import { getOwnOrder } from '../domain/orders/read';
import { USDC_DECIMALS } from '../domain/orders/solana-pay';

type Input = z.output<typeof DevSimulatePaymentInput>;

/**
 * Pays the caller's own order through the dev payment simulator, the way a buyer's wallet would:
 * a transfer to the order's Solana Pay recipient naming its reference. The worker then finds it
 * like any payment (NEW → PAID → CONFIRMED). `under` sends half, to see the underpaid path.
 */
export async function simulatePayment(deps: Deps, userId: string, input: Input) {
  const simulator = deps.paymentSimulator;
  if (!simulator) {
    throw new DomainError('FORBIDDEN', 'The payment simulator runs only with DEV_TOOLS=true');
  }
  const order = await getOwnOrder(deps.database.db, { id: input.orderId, ownerId: userId });
  const full = centsToBaseUnits(order.totalCents, USDC_DECIMALS);
  const amount = input.mode === 'full' ? full : full / 2n;
  const signature = simulator.pay({
    reference: order.payment.reference,
    recipient: order.payment.recipient,
    mint: order.payment.splToken,
    amount,
  });
  return { signature, amountBaseUnits: amount.toString() };
}
