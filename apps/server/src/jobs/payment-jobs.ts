import { randomUUID } from 'node:crypto';
import { selectCoveredAt } from '../db/queries/chain';
import {
  type ClaimKind,
  claimPayments,
  type PaymentRow,
  releaseClaim,
  renewClaim,
} from '../db/queries/payments';
import type { Deps } from '../deps';
import { RpcBudget } from '../domain/payments/budget';
import { expireUnpaid } from '../domain/payments/expire';
import { expiryDueBefore } from '../domain/payments/expiry-rule';
import { finalizePayment, readChainStates } from '../domain/payments/finalize';
import { watchMerchantAccounts } from '../domain/payments/merchant-watch';
import { REAPPEARED_REASON } from '../domain/payments/rules';
import { budgetSplit, lateWatchSince, leaseMs as leaseFor } from '../domain/payments/worker-policy';
import type { Job, Tick } from './worker';

export const CLAIM_BATCH = 50;

/** The lease a claim holds (see worker-policy.ts). */
export function leaseMs(config: Deps['config']): number {
  return leaseFor({
    rpcCallsPerOrder: config.payments.rpcCallsPerOrder,
    rpcTimeoutMs: config.solana.rpcTimeoutMs,
  });
}

/** A fresh budget for a job run outside the worker loop (tests, one-off runs). */
export function newTick(config: Deps['config']): Tick {
  return { budget: new RpcBudget(config.payments.rpcCallsPerTick) };
}

/**
 * Claims a batch, runs `handle` on each payment this claim still holds (renewing the lease first)
 * while the tick's budget lasts, and always gives the claims back; payments not reached keep their
 * place at the front of the round-robin queue.
 */
async function forEachClaimed(
  deps: Deps,
  tick: Tick,
  kind: ClaimKind,
  handle: (payments: PaymentRow[]) => Promise<(payment: PaymentRow) => Promise<string>>,
) {
  const token = randomUUID();
  const lease = leaseMs(deps.config);
  const db = deps.database.db;
  const claimed = await claimPayments(db, kind, {
    now: deps.clock.now(),
    leaseMs: lease,
    limit: CLAIM_BATCH,
    token,
  });
  const done = new Set<string>();
  try {
    if (claimed.length === 0) return;
    const step = await handle(claimed);
    for (const payment of claimed) {
      if (tick.budget.remaining <= 0) break;
      const until = new Date(deps.clock.now().getTime() + lease);
      if (!(await renewClaim(db, payment.id, { token, until }))) continue; // another worker has it
      done.add(payment.id);
      try {
        const outcome = await step(payment);
        deps.log.debug({ job: kind.job, paymentId: payment.id, outcome }, 'payment step');
      } catch (err) {
        // One payment's failure (RPC down, timeout) leaves it as it was; the others go on.
        deps.log.warn({ err, job: kind.job, paymentId: payment.id }, 'payment job step failed');
      }
    }
  } finally {
    const now = deps.clock.now();
    for (const payment of claimed) {
      await releaseClaim(db, payment.id, { token, now, checked: done.has(payment.id) });
    }
  }
}

/**
 * watch: follows the merchant's token accounts (one walker at a time) and reads what they list,
 * within the watch's share of the tick so expiry and finality always get theirs.
 */
export const watchJob: Job = {
  name: 'watch',
  async run(deps, tick = newTick(deps.config)) {
    const share = budgetSplit(tick.budget.limit).watch;
    const report = await watchMerchantAccounts(
      deps,
      tick.budget.child(share),
      leaseMs(deps.config),
    );
    if (report.listed > 0 || report.classified > 0) deps.log.debug({ ...report }, 'watched');
  },
};

/** finalize: PAID orders → CONFIRMED at finality (or EXPIRED by drop); dropped ones stay watched. */
export const finalizeJob: Job = {
  name: 'finalize',
  async run(deps, tick = newTick(deps.config)) {
    const lateSince = lateWatchSince(deps.clock.now(), deps.config.payments.lateWatchHours);
    await forEachClaimed(
      deps,
      tick,
      { job: 'finalize', lateSince, reappearedReason: REAPPEARED_REASON },
      async (payments) => {
        const chain = await readChainStates(deps, payments, tick.budget);
        return async (payment) => {
          if (!chain) return 'no-budget';
          return finalizePayment(
            deps,
            payment,
            chain,
            tick.budget.child(deps.config.payments.rpcCallsPerOrder),
          );
        };
      },
    );
  },
};

/**
 * expire: NEW orders whose windows ended (a landing margin ago) are decided from what the watch of
 * the merchant's accounts has covered, after one more short look at the chain.
 */
export const expireJob: Job = {
  name: 'expire',
  async run(deps, tick = newTick(deps.config)) {
    const dueBefore = expiryDueBefore(deps.clock.now());
    await forEachClaimed(deps, tick, { job: 'expire', dueBefore }, async () => {
      // A fresh look first, taken once for the batch by its first order: no order is expired on
      // what the watch saw before its window ended, and if the node cannot be read every order
      // stays as it was.
      let look: Promise<Date | null> | undefined;
      const freshCoverage = async () => {
        const share = tick.budget.child(budgetSplit(tick.budget.limit).expiryLook);
        await watchMerchantAccounts(deps, share, leaseMs(deps.config));
        return selectCoveredAt(deps.database.db);
      };
      return async (payment) => {
        look ??= freshCoverage();
        return expireUnpaid(
          deps,
          payment,
          await look,
          tick.budget.child(deps.config.payments.rpcCallsPerOrder),
        );
      };
    });
  },
};
