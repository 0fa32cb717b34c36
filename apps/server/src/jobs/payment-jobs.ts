import { randomUUID } from 'node:crypto';
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
import { finalizePayment, readChainStates } from '../domain/payments/finalize';
import { watchMerchantAccount } from '../domain/payments/merchant-watch';
import { REAPPEARED_REASON } from '../domain/payments/rules';
import type { Job, Tick } from './worker';

export const CLAIM_BATCH = 50;

/**
 * A lease covers the most RPC work one payment may take (its per-order budget, each call up to the
 * RPC deadline) plus slack for the database; it is renewed before each payment of a batch, so a
 * long batch never lets a second worker take a row this one is about to work on.
 */
export function leaseMs(config: Deps['config']): number {
  return config.payments.rpcCallsPerOrder * config.solana.rpcTimeoutMs * 2 + 5_000;
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
 * watch: follows the merchant token account's history (one walker at a time) and reads what it
 * lists, within half the tick's budget so expiry and finality always get their share.
 */
export const watchJob: Job = {
  name: 'watch',
  async run(deps, tick = newTick(deps.config)) {
    const report = await watchMerchantAccount(
      deps,
      tick.budget.child(Math.ceil(tick.budget.limit / 2)),
      leaseMs(deps.config),
    );
    if (report.listed > 0 || report.classified > 0) deps.log.debug({ ...report }, 'watched');
  },
};

/** finalize: PAID orders → CONFIRMED at finality (or EXPIRED by drop); dropped ones stay watched. */
export const finalizeJob: Job = {
  name: 'finalize',
  async run(deps, tick = newTick(deps.config)) {
    const lateSince = new Date(
      deps.clock.now().getTime() - deps.config.payments.lateWatchHours * 3_600_000,
    );
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

/** expire: NEW orders past their window get one last, budgeted payment check, then → EXPIRED. */
export const expireJob: Job = {
  name: 'expire',
  async run(deps, tick = newTick(deps.config)) {
    await forEachClaimed(
      deps,
      tick,
      { job: 'expire' },
      async () => (payment) =>
        expireUnpaid(deps, payment, tick.budget.child(deps.config.payments.rpcCallsPerOrder)),
    );
  },
};
