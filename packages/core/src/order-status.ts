import { z } from 'zod';
import { DomainError } from './errors';

export const ORDER_STATUSES = [
  'NEW',
  'PAID',
  'CONFIRMED',
  'PROCESSING',
  'SHIPPED',
  'DELIVERED',
  'CANCELLED',
  'EXPIRED',
  'REFUNDED',
] as const;

export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

/**
 * The only moves an order may make. Kept as data so the server, the storefront and
 * the tests all read the same table; anything not listed here is refused.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> =
  Object.freeze({
    NEW: Object.freeze(['PAID', 'CANCELLED', 'EXPIRED'] as const),
    PAID: Object.freeze(['CONFIRMED', 'EXPIRED', 'REFUNDED'] as const),
    CONFIRMED: Object.freeze(['PROCESSING', 'REFUNDED'] as const),
    PROCESSING: Object.freeze(['SHIPPED'] as const),
    SHIPPED: Object.freeze(['DELIVERED'] as const),
    DELIVERED: Object.freeze([] as const),
    CANCELLED: Object.freeze([] as const),
    EXPIRED: Object.freeze([] as const),
    REFUNDED: Object.freeze([] as const),
  });

export const TERMINAL_STATUSES: readonly OrderStatus[] = Object.freeze([
  'DELIVERED',
  'CANCELLED',
  'EXPIRED',
  'REFUNDED',
] as const);

/**
 * Moves into these states give back what the order reserved: stock and pass/referral code uses.
 * Each means the money never settled (a buyer cancel, an unpaid window, or a PAID transaction
 * dropped before finality), so the goods were never sold. REFUNDED is deliberately absent: it
 * follows a settled payment, the code use was earned and the goods may already be handled, so an
 * admin decides about restocking. Since terminal states have no exits, an order enters one of
 * these at most once, which is what makes the release happen exactly once.
 */
export const RELEASING_STATUSES: readonly OrderStatus[] = Object.freeze([
  'CANCELLED',
  'EXPIRED',
] as const);

// Statuses can arrive from the database or the network as plain strings; a lookup must not
// wander onto Object.prototype ('constructor', '__proto__') and must not throw.
function exitsOf(from: OrderStatus): readonly OrderStatus[] {
  return Object.hasOwn(ORDER_TRANSITIONS, from) ? ORDER_TRANSITIONS[from] : [];
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return exitsOf(from).includes(to);
}

export function nextStatuses(from: OrderStatus): readonly OrderStatus[] {
  return exitsOf(from);
}

export function isTerminal(s: OrderStatus): boolean {
  return TERMINAL_STATUSES.includes(s);
}

export function releasesReservation(to: OrderStatus): boolean {
  return RELEASING_STATUSES.includes(to);
}

export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) {
    throw new DomainError('INVALID_TRANSITION', `order cannot move from ${from} to ${to}`, {
      from,
      to,
    });
  }
}

export const ACTORS = ['buyer', 'admin', 'system'] as const;
export const Actor = z.enum(ACTORS);
export type Actor = z.infer<typeof Actor>;

type MoveTable = Readonly<Partial<Record<OrderStatus, readonly OrderStatus[]>>>;

// Who may make which move. The worker only reacts to the chain and the clock; a buyer
// may only walk away from an unpaid order. Admins may make any move the state machine allows.
const SYSTEM_MOVES: MoveTable = {
  NEW: ['PAID', 'EXPIRED'],
  PAID: ['CONFIRMED', 'EXPIRED'],
};
const BUYER_MOVES: MoveTable = {
  NEW: ['CANCELLED'],
};

export function canActorTransition(actor: Actor, from: OrderStatus, to: OrderStatus): boolean {
  if (!canTransition(from, to)) return false;
  switch (actor) {
    case 'admin':
      return true;
    case 'system':
      return SYSTEM_MOVES[from]?.includes(to) ?? false;
    case 'buyer':
      return BUYER_MOVES[from]?.includes(to) ?? false;
    default:
      return false;
  }
}
