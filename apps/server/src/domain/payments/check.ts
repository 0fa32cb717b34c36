import type { PaymentRow } from '../../db/queries/payments';
import type { Deps } from '../../deps';
import { associatedTokenAddress } from '../../solana/ata';
import { assessPayment, receivedBaseUnits } from './assess';
import { recordFullPayment, recordUnderpayment } from './record';

type CheckDeps = Pick<Deps, 'config' | 'clock' | 'database' | 'solana' | 'log' | 'metrics'>;

/**
 * Anyone can put a public reference into a junk transaction, so a busy reference is not allowed
 * to cost unbounded RPC calls per tick; the oldest transactions are looked at first.
 */
export const MAX_TRANSACTIONS_PER_CHECK = 50;

/**
 * `unknown`: the chain lists a transaction for the reference that could not be read (the node
 * lags) or more candidates than one check looks at — the order may be paid, so nothing may expire.
 */
export type CheckResult = 'paid' | 'late' | 'underpaid' | 'unpaid' | 'unknown';

/**
 * Looks for a payment of this request on chain: every signature that mentions its reference,
 * oldest first, failed ones skipped; the first transaction that moved at least the amount of the
 * mint to the merchant pays the order. Throws SolanaRpcError if the RPC fails, leaving everything
 * as it was for the next tick.
 */
export async function checkPayment(deps: CheckDeps, payment: PaymentRow): Promise<CheckResult> {
  const signatures = await deps.solana.getSignaturesForAddress(payment.reference);
  const successful = signatures.filter((s) => s.err === null).reverse();
  const candidates = successful.slice(0, MAX_TRANSACTIONS_PER_CHECK);
  let inconclusive = successful.length > candidates.length;
  const expected = {
    recipient: payment.recipient,
    mint: payment.splToken,
    tokenAccount: associatedTokenAddress(payment.recipient, payment.splToken),
  };
  let underpaid: { signature: string; received: bigint } | undefined;

  for (const { signature } of candidates) {
    const tx = await deps.solana.getTransaction(signature);
    if (!tx) {
      inconclusive = true; // listed but not readable at this node yet; next tick
      continue;
    }
    const assessment = assessPayment(receivedBaseUnits(tx, expected), payment.amountBaseUnits);
    if (assessment.kind === 'paid') {
      const outcome = await recordFullPayment(
        deps,
        payment,
        signature,
        assessment.received,
        assessment.overpaid,
      );
      if (outcome === 'signature-used') {
        deps.log.warn({ paymentId: payment.id }, 'transfer already pays another order; ignored');
        continue;
      }
      return outcome === 'late' ? 'late' : 'paid';
    }
    if (assessment.kind === 'underpaid' && !underpaid) {
      underpaid = { signature, received: assessment.received };
    }
  }
  if (underpaid && payment.status === 'pending') {
    const outcome = await recordUnderpayment(
      deps,
      payment,
      underpaid.signature,
      underpaid.received,
    );
    if (outcome === 'underpaid') return 'underpaid';
  }
  if (inconclusive) return 'unknown';
  return payment.status === 'underpaid' || underpaid ? 'underpaid' : 'unpaid';
}
