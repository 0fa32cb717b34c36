import {
  selectTransfers,
  type TransferRow,
  updateTransfer,
} from '../../db/queries/payment-transfers';
import { type PaymentRow, updatePayment } from '../../db/queries/payments';
import type { Deps } from '../../deps';
import { STATUS_BATCH } from '../../solana/rpc';
import type { RpcBudget } from './budget';
import {
  type ChainState,
  decideFinality,
  droppedReason,
  nextMissingSince,
  REAPPEARED_REASON,
} from './rules';
import { systemMove } from './system-move';

type FinalizeDeps = Pick<Deps, 'config' | 'clock' | 'database' | 'solana' | 'metrics'>;

export interface ChainStates {
  transfers: Map<string, TransferRow[]>;
  states: Map<string, ChainState>;
}

/**
 * The chain's view of every transfer of these payments, in as few getSignatureStatuses calls as
 * the batch size allows (paid from `budget`); null if the budget cannot pay for all of them.
 */
export async function readChainStates(
  deps: FinalizeDeps,
  payments: PaymentRow[],
  budget: RpcBudget,
): Promise<ChainStates | null> {
  const rows = await selectTransfers(
    deps.database.db,
    payments.map((p) => p.id),
  );
  const transfers = new Map<string, TransferRow[]>();
  for (const t of rows) transfers.set(t.paymentId, [...(transfers.get(t.paymentId) ?? []), t]);
  const signatures = rows.map((t) => t.signature);
  const states = new Map<string, ChainState>();
  for (let i = 0; i < signatures.length; i += STATUS_BATCH) {
    if (!budget.take()) return null;
    const batch = signatures.slice(i, i + STATUS_BATCH);
    const statuses = await deps.solana.getSignatureStatuses(batch);
    batch.forEach((signature, j) => {
      const s = statuses[j];
      states.set(
        signature,
        !s || s.err !== null
          ? 'missing'
          : s.confirmationStatus === 'finalized'
            ? 'finalized'
            : 'confirmed',
      );
    });
  }
  return { transfers, states };
}

export type FinalizeOutcome = 'confirmed' | 'waiting' | 'dropped' | 'reappeared' | 'not-dropped';

/**
 * One payment's step after PAID: CONFIRMED once finalized transfers cover the amount; EXPIRED by
 * drop only after the needed transfers were missing continuously for PAYMENT_DROP_GRACE_SECONDS
 * *and* getTransaction confirms they are gone (the payment is then `dropped` and listed for
 * review). A dropped payment stays watched: if its transaction reappears, it is flagged for review
 * with the order's state explained — the order is never reopened or sold twice.
 */
export async function finalizePayment(
  deps: FinalizeDeps,
  payment: PaymentRow,
  chain: ChainStates,
  budget: RpcBudget,
): Promise<FinalizeOutcome> {
  const now = deps.clock.now();
  const db = deps.database.db;
  const transfers = (chain.transfers.get(payment.id) ?? []).map((t) => ({
    row: t,
    state: chain.states.get(t.signature) ?? ('missing' as const),
  }));
  for (const { row, state } of transfers) {
    const missingSince = nextMissingSince(state, row.missingSince, now);
    if (missingSince?.getTime() !== row.missingSince?.getTime()) {
      await updateTransfer(db, row.id, { missingSince });
      row.missingSince = missingSince;
    }
  }

  if (payment.status === 'dropped') {
    if (!transfers.some((t) => t.state !== 'missing')) return 'waiting';
    await updatePayment(db, payment.id, { reviewReason: REAPPEARED_REASON, reviewedAt: null });
    return 'reappeared';
  }

  const decision = decideFinality({
    // A short payment an admin accepted is final once what was accepted is.
    amount: payment.acceptedBaseUnits ?? payment.amountBaseUnits,
    transfers: transfers.map((t) => ({
      signature: t.row.signature,
      amount: t.row.amountBaseUnits,
      state: t.state,
      missingSince: t.row.missingSince,
    })),
    now,
    graceMs: deps.config.payments.dropGraceSeconds * 1000,
  });
  if (decision.kind === 'confirm') {
    await systemMove(deps, payment, { from: 'PAID', to: 'CONFIRMED' }, async (tx) => {
      for (const t of transfers) {
        if (t.state === 'finalized') await updateTransfer(tx, t.row.id, { finalizedAt: now });
      }
      await updatePayment(tx, payment.id, {
        finalizedAt: now,
        // An overpayment stays flagged for review; a plain one is now final.
        ...(payment.status === 'seen' ? { status: 'finalized' as const } : {}),
      });
    });
    return 'confirmed';
  }
  if (decision.kind === 'wait') return 'waiting';

  // Missing for the whole grace period by its status: ask for the transaction itself before
  // believing it — a status index can lag where the ledger does not.
  for (const signature of decision.signatures) {
    if (!budget.take()) return 'waiting';
    if ((await deps.solana.getTransaction(signature)) !== null) {
      const row = transfers.find((t) => t.row.signature === signature)?.row;
      if (row) await updateTransfer(db, row.id, { missingSince: null });
      return 'not-dropped';
    }
  }
  const moved = await systemMove(
    deps,
    payment,
    { from: 'PAID', to: 'EXPIRED', note: 'payment transaction dropped before finality' },
    (tx) =>
      updatePayment(tx, payment.id, {
        status: 'dropped',
        reviewReason: droppedReason('EXPIRED'),
        reviewedAt: null,
      }),
  );
  return moved ? 'dropped' : 'waiting';
}
