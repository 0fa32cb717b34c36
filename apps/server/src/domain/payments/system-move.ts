import type { PaymentRow } from '../../db/queries/payments';
import type { Deps } from '../../deps';
import { transitionOrder } from '../orders/transition';

type Tx = Deps['database']['db'];

/**
 * A system move of a payment's order in its own transaction, guarded on `from`; `after` runs in
 * the same transaction only if this move won (a lost race changes nothing).
 */
export async function systemMove(
  deps: Pick<Deps, 'config' | 'clock' | 'database' | 'metrics'>,
  payment: PaymentRow,
  move: { from: 'NEW' | 'PAID'; to: 'CONFIRMED' | 'EXPIRED'; note?: string },
  after?: (tx: Tx) => Promise<void>,
): Promise<boolean> {
  return deps.database.db.transaction(async (tx) => {
    const moved = await transitionOrder(deps, tx, {
      orderId: payment.orderId,
      to: move.to,
      actor: 'system',
      actorId: null,
      note: move.note,
      expectedFrom: move.from,
    });
    if (moved.changed && after) await after(tx);
    return moved.changed;
  });
}
