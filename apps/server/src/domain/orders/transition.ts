import {
  type Actor,
  assertTransition,
  canActorTransition,
  DomainError,
  type OrderStatus,
  RELEASING_STATUSES,
  rewardPoints,
} from '@puffy/core';
import type { Tx } from '../../db/client';
import { insertRewardOnce, reverseRewardOnce } from '../../db/queries/balances';
import {
  releasePassCodeUse,
  releaseReferralCodeUse,
  releaseUsagesOfOrder,
  selectReferralUsageOfOrder,
} from '../../db/queries/codes';
import {
  insertStatusEvent,
  type OrderRow,
  returnStock,
  selectOrder,
  updateOrderStatus,
} from '../../db/queries/orders';
import type { Deps } from '../../deps';

export const REFERRAL_REWARD_REASON = 'referral_reward';
export const REFERRAL_REWARD_REVERSAL_REASON = 'referral_reward_reversal';

/**
 * Who moves the order. A buyer's move finds only the buyer's own orders (the owner filter is
 * derived from the actor, in SQL), so no caller can forget it; admins and the system have no owner.
 */
type Mover =
  | { actor: Extract<Actor, 'buyer' | 'admin'>; actorId: string }
  | { actor: Extract<Actor, 'system'>; actorId: null };

export type TransitionRequest = Mover & {
  orderId: string;
  to: OrderStatus;
  /** Admin-only: why the move was made. */
  note?: string | undefined;
  /** What the move means to the buyer (their history's line); a default per state otherwise. */
  message?: string | undefined;
  trackingNumber?: string | undefined;
  /** The status the caller saw; the move happens only if the order is still there. */
  expectedFrom?: OrderStatus | undefined;
};

export type TransitionResult =
  | { changed: true; order: OrderRow; from: OrderStatus }
  | { changed: false; order: OrderRow | undefined };

/**
 * Cancel or expire: the order's stock and code uses go back, exactly once — this runs only in the
 * transaction whose guarded UPDATE won the move, and the usage rows are released with it.
 */
async function releaseReservations(tx: Tx, orderId: string, now: Date) {
  await releaseUsagesOfOrder(tx, orderId, now).then(async ({ pass, referral }) => {
    for (const p of pass) await releasePassCodeUse(tx, p.code);
    for (const r of referral) await releaseReferralCodeUse(tx, r.code);
  });
  await returnStock(tx, orderId);
}

/** CONFIRMED: the referral code's owner earns REFERRAL_REWARD_BPS of the total, once. */
async function payReferralReward(tx: Tx, order: OrderRow, rewardBps: number, now: Date) {
  if (order.referralCode === null) return;
  const usage = await selectReferralUsageOfOrder(tx, order.id);
  const points = rewardPoints(order.totalCents, rewardBps);
  if (!usage || points <= 0) return;
  await insertRewardOnce(tx, {
    userId: usage.ownerId,
    orderId: order.id,
    delta: points,
    reason: REFERRAL_REWARD_REASON,
    now,
  });
}

/**
 * Moves one order through the state machine inside `tx`: checks the move is allowed by core's
 * table and for this actor, applies it with a guarded UPDATE (`WHERE status = $from`), writes the
 * history row, and runs the move's side effects (release on CANCELLED/EXPIRED, reward on
 * CONFIRMED, the reward taken back on REFUNDED). A lost race returns `{ changed: false }` and changes nothing.
 */
export async function transitionOrder(
  deps: Pick<Deps, 'config' | 'clock' | 'metrics'>,
  tx: Tx,
  request: TransitionRequest,
): Promise<TransitionResult> {
  const current = await selectOrder(tx, {
    id: request.orderId,
    ownerId: request.actor === 'buyer' ? request.actorId : null,
  });
  if (!current) throw new DomainError('ORDER_NOT_FOUND', 'No such order');
  const from = current.status;
  if (request.expectedFrom !== undefined && request.expectedFrom !== from) {
    return { changed: false, order: current };
  }
  assertTransition(from, request.to);
  if (!canActorTransition(request.actor, from, request.to)) {
    throw new DomainError(
      'FORBIDDEN',
      `A ${request.actor} cannot move an order from ${from} to ${request.to}`,
      {
        from,
        to: request.to,
      },
    );
  }
  if (request.to === 'SHIPPED' && !request.trackingNumber) {
    throw new DomainError('TRACKING_NUMBER_REQUIRED', 'Shipping needs a tracking number');
  }

  const updated = await updateOrderStatus(tx, current.id, from, request.to, {
    trackingNumber: request.trackingNumber,
  });
  if (!updated) {
    return { changed: false, order: await selectOrder(tx, { id: current.id, ownerId: null }) };
  }

  const now = deps.clock.now();
  await insertStatusEvent(tx, {
    orderId: current.id,
    fromStatus: from,
    toStatus: request.to,
    actor: request.actor,
    actorId: request.actorId,
    note: request.note ?? null,
    message: request.message ?? null,
    createdAt: now,
  });
  if ((RELEASING_STATUSES as readonly OrderStatus[]).includes(request.to)) {
    await releaseReservations(tx, current.id, now);
  }
  if (request.to === 'CONFIRMED') {
    await payReferralReward(tx, updated, deps.config.referral.rewardBps, now);
  }
  // Counted when the move is made; a transaction that later rolls back still counted it, which
  // is rare (the move is the last step of every caller) and a metric can afford.
  deps.metrics.orderMoved(from, request.to);
  if (request.to === 'REFUNDED') {
    // The shop did not keep the money, so the referrer does not keep the reward it earned.
    await reverseRewardOnce(tx, {
      orderId: current.id,
      reason: REFERRAL_REWARD_REASON,
      reversalReason: REFERRAL_REWARD_REVERSAL_REASON,
      now,
    });
  }
  return { changed: true, order: updated, from };
}
