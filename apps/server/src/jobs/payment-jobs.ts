import {
  type ClaimKind,
  claimPayments,
  type PaymentRow,
  releaseClaim,
  updatePayment,
} from '../db/queries/payments';
import type { Deps } from '../deps';
import { transitionOrder } from '../domain/orders/transition';
import { checkPayment } from '../domain/payments/check';
import type { Job } from './worker';

/** How long a claimed payment stays reserved for the worker that claimed it. */
export const CLAIM_LEASE_MS = 60_000;
export const CLAIM_BATCH = 50;

/** Claims a batch, runs `handle` on each payment, and always gives the claim back. */
async function forEachClaimed(
  deps: Deps,
  kind: ClaimKind,
  handle: (payment: PaymentRow) => Promise<void>,
) {
  const claimed = await claimPayments(deps.database.db, kind, {
    now: deps.clock.now(),
    leaseMs: CLAIM_LEASE_MS,
    limit: CLAIM_BATCH,
  });
  for (const payment of claimed) {
    try {
      await handle(payment);
    } catch (err) {
      // One payment's failure (RPC down, timeout) leaves it as it was; the others go on.
      deps.log.warn({ err, job: kind.job, paymentId: payment.id }, 'payment job step failed');
    } finally {
      await releaseClaim(deps.database.db, payment.id, deps.clock.now());
    }
  }
  return claimed.length;
}

/**
 * A system move of a payment's order in its own transaction, guarded on `from`; `after` runs in
 * the same transaction only if this worker's move won.
 */
async function systemMove(
  deps: Deps,
  payment: PaymentRow,
  move: { from: 'NEW' | 'PAID'; to: 'CONFIRMED' | 'EXPIRED'; note?: string },
  after?: (tx: Deps['database']['db']) => Promise<void>,
) {
  await deps.database.db.transaction(async (tx) => {
    const moved = await transitionOrder(deps, tx, {
      orderId: payment.orderId,
      to: move.to,
      actor: 'system',
      actorId: null,
      note: move.note,
      expectedFrom: move.from,
    });
    if (moved.changed && after) await after(tx);
  });
}

/** watch: finds transfers for open payments (and late ones for recently ended orders). */
export const watchJob: Job = {
  name: 'watch',
  async run(deps) {
    const lateSince = new Date(
      deps.clock.now().getTime() - deps.config.payments.lateWatchHours * 3_600_000,
    );
    await forEachClaimed(deps, { job: 'watch', lateSince }, async (payment) => {
      deps.metrics.paymentChecked(await checkPayment(deps, payment));
    });
  },
};

/**
 * finalize: PAID orders whose transaction reached `finalized` → CONFIRMED; a transaction the
 * cluster no longer knows after PAYMENT_DROP_GRACE_SECONDS never settled → EXPIRED.
 */
export const finalizeJob: Job = {
  name: 'finalize',
  async run(deps) {
    await forEachClaimed(deps, { job: 'finalize' }, async (payment) => {
      if (!payment.txSignature) return;
      const [status] = await deps.solana.getSignatureStatuses([payment.txSignature]);
      const now = deps.clock.now();
      if (status && status.err === null && status.confirmationStatus === 'finalized') {
        await systemMove(deps, payment, { from: 'PAID', to: 'CONFIRMED' }, (tx) =>
          updatePayment(tx, payment.id, {
            finalizedAt: now,
            // An overpayment stays flagged for review; a plain one is now final.
            ...(payment.status === 'seen' ? { status: 'finalized' as const } : {}),
          }),
        );
        return;
      }
      const missing = !status || status.err !== null;
      const seenAt = payment.seenAt?.getTime() ?? now.getTime();
      if (missing && now.getTime() - seenAt > deps.config.payments.dropGraceSeconds * 1000) {
        await systemMove(
          deps,
          payment,
          { from: 'PAID', to: 'EXPIRED', note: 'payment transaction dropped before finality' },
          (tx) => updatePayment(tx, payment.id, { status: 'dropped' }),
        );
      }
    });
  },
};

/** expire: NEW orders past their window get one last payment check, then → EXPIRED. */
export const expireJob: Job = {
  name: 'expire',
  async run(deps) {
    await forEachClaimed(deps, { job: 'expire' }, async (payment) => {
      // If the RPC fails this throws and the order is left NEW: never expire an order we could
      // not check, it may have been paid.
      const result = await checkPayment(deps, payment);
      if (result === 'paid' || result === 'unknown') return;
      await systemMove(deps, payment, { from: 'NEW', to: 'EXPIRED', note: 'payment window ended' });
    });
  },
};
