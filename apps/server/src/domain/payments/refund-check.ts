import { DomainError } from '@puffy/core';
import type { Deps } from '../../deps';
import { associatedTokenAddress } from '../../solana/ata';
import { receivedBaseUnits } from './assess';
import type { RefundRule } from './resolution-policy';

/**
 * Reads a refund (or returned change) on chain before it is recorded: the transaction must exist,
 * have succeeded, and move the payment's mint OUT of a merchant-owned token account, by an amount
 * the resolution allows. Returns what it moved. Refused with REFUND_NOT_FOUND (no such successful
 * outgoing transfer) or REFUND_TOO_LARGE (more than the buyer's money being returned).
 */
export async function checkRefundOnChain(
  deps: Pick<Deps, 'solana'>,
  signature: string,
  payment: { recipient: string; splToken: string },
  rule: RefundRule,
): Promise<bigint> {
  const tx = await deps.solana.getTransaction(signature);
  // A net change of the merchant's balance: negative when money left its accounts.
  const change =
    tx === null
      ? 0n
      : receivedBaseUnits(tx, {
          recipient: payment.recipient,
          mint: payment.splToken,
          tokenAccounts: new Set([associatedTokenAddress(payment.recipient, payment.splToken)]),
        });
  const out = -change;
  if (out <= 0n || out < rule.min) {
    throw new DomainError(
      'REFUND_NOT_FOUND',
      'That transaction is not a successful transfer of the payment token out of the merchant account (or the node has not seen it yet)',
    );
  }
  if (out > rule.max) {
    throw new DomainError(
      'REFUND_TOO_LARGE',
      `That transaction moved ${out} base units, more than the ${rule.max} this resolution returns`,
      { movedBaseUnits: out.toString(), maxBaseUnits: rule.max.toString() },
    );
  }
  return out;
}
