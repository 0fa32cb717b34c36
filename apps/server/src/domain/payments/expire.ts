import { countUnreadBefore } from '../../db/queries/chain';
import { selectOrder } from '../../db/queries/orders';
import { type PaymentRow, updatePayment } from '../../db/queries/payments';
import type { Deps } from '../../deps';
import { transitionOrder } from '../orders/transition';
import type { RpcBudget } from './budget';
import { decideExpiry, type ExpiryDecision, HELD_REASON, unreadRelevantUntil } from './expiry-rule';
import { probeReference } from './reference-probe';
import { systemMove } from './system-move';

type ExpireDeps = Pick<Deps, 'config' | 'clock' | 'database' | 'solana' | 'metrics'>;
type Tx = Deps['database']['db'];

/**
 * A NEW order past its window, given how far the watch of the merchant's accounts has listed
 * (`coveredAt`, see expiry-rule.ts). With nothing unread that could hold its payment it is
 * EXPIRED at once — releasing its stock and code uses once, by the guarded transition — without
 * reading its reference at all. With an unread backlog, one bounded page of its reference (within
 * `budget`) narrows the backlog to the transactions that name it, and those are read; whatever
 * that cannot rule out holds the order NEW, and a hold that lasts becomes a review item.
 */
export async function expireUnpaid(
  deps: ExpireDeps,
  payment: PaymentRow,
  coveredAt: Date | null,
  budget: RpcBudget,
): Promise<ExpiryDecision> {
  const db = deps.database.db;
  const order = await selectOrder(db, { id: payment.orderId, ownerId: null });
  if (!order) return 'moved';
  const now = deps.clock.now();
  const base = { now, expiresAt: order.expiresAt, coveredAt, moved: order.status !== 'NEW' };
  let decision = decideExpiry({ ...base, unreadCandidates: null });
  if (decision === 'wait' || decision === 'moved') return decision;

  const before = unreadRelevantUntil(order.expiresAt);
  let unread = await countUnreadBefore(db, { before });
  if (unread > 0) {
    const probe = await probeReference(deps, payment, budget);
    if (probe.listed) {
      // Transactions older than the page's reach may still name the reference.
      const unreached =
        probe.complete || probe.oldestSlot === null
          ? 0
          : await countUnreadBefore(db, { before, belowSlot: probe.oldestSlot });
      unread = probe.stillUnread + unreached;
    }
    const after = await selectOrder(db, { id: payment.orderId, ownerId: null });
    base.moved = after?.status !== 'NEW';
  }
  decision = decideExpiry({ ...base, unreadCandidates: unread });

  if (decision === 'expire') {
    await systemMove(
      deps,
      payment,
      { from: 'NEW', to: 'EXPIRED', note: 'payment window ended' },
      (tx) => clearHeldReason(tx, payment),
    );
  } else if (decision === 'review' && payment.reviewReason !== HELD_REASON) {
    await updatePayment(db, payment.id, { reviewReason: HELD_REASON, reviewedAt: null });
  }
  return decision;
}

/** A hold that ended needs no admin any more; other reasons (money to look at) stay listed. */
async function clearHeldReason(tx: Tx, payment: Pick<PaymentRow, 'id' | 'reviewReason'>) {
  if (payment.reviewReason === HELD_REASON) {
    await updatePayment(tx, payment.id, { reviewReason: null });
  }
}

/**
 * What an admin's resolution of a held order's review item must do to end it (call it inside the
 * resolution's transaction): a NEW order → EXPIRED, releasing its stock and code uses once by the
 * guarded transition, and the hold's reason cleared. False when the order is no longer NEW.
 */
export async function endHeldOrder(
  deps: Pick<Deps, 'config' | 'clock' | 'database' | 'metrics'>,
  tx: Tx,
  input: {
    payment: Pick<PaymentRow, 'id' | 'orderId' | 'reviewReason'>;
    actorId: string;
    note: string;
  },
): Promise<boolean> {
  const moved = await transitionOrder(deps, tx, {
    orderId: input.payment.orderId,
    to: 'EXPIRED',
    actor: 'admin',
    actorId: input.actorId,
    note: input.note,
    expectedFrom: 'NEW',
  });
  if (moved.changed) await clearHeldReason(tx, input.payment);
  return moved.changed;
}
