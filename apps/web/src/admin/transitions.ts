import type { OrderStatus } from '@puffy/client';

/**
 * Which of an admin's order moves ask "are you sure?" first, and what they say. No move can be
 * undone (the state machine has no way back), so every move that records money or closes the
 * order is confirmed; starting to pack (PROCESSING) is not, and shipping asks for its tracking
 * number instead.
 */
const CONFIRMATIONS: Partial<Record<OrderStatus, string>> = {
  PAID: 'Record this order as paid by hand? Do this only for USDC the payment worker cannot see: it records payments by itself.',
  CONFIRMED: 'Mark the payment as final? Do this only once the transfer is finalized on chain.',
  REFUNDED: 'Record this order as refunded? Send the USDC back first: this only records it.',
  CANCELLED: 'Cancel this order? Its stock and code uses are given back.',
  EXPIRED: 'Expire this order? Its stock and code uses are given back.',
  DELIVERED: 'Mark this order as delivered? That closes it.',
};

export type MoveStep = { kind: 'confirm'; question: string } | { kind: 'ship' } | { kind: 'go' };

/** What pressing "Move to {to}" does first. */
export function moveStep(to: OrderStatus): MoveStep {
  if (to === 'SHIPPED') return { kind: 'ship' };
  const question = CONFIRMATIONS[to];
  return question
    ? { kind: 'confirm', question: `${question} This cannot be undone.` }
    : { kind: 'go' };
}
