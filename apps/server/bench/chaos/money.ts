import type postgres from 'postgres';
import type { Chain } from './chain';

/**
 * The money invariant, in one place:
 * - every payment's `received` is the sum of its recorded transfers;
 * - every recorded transfer is on the chain, under this payment's reference, for the same amount
 *   (so no transaction is credited to another order, or twice: signatures are unique);
 * - every order that was ever PAID had received at least its amount (or an accepted resolution);
 * - `settled`: once the shop has had time to catch up, every transfer the chain still holds for a
 *   payment's reference has been recorded (received = what the chain holds, dropped ones aside).
 */
export async function checkMoney(
  db: postgres.TransactionSql,
  chain: Chain,
  options: { settled: boolean },
): Promise<string[]> {
  const violations: string[] = [];
  const payments = await db<
    { id: string; reference: string; amount: string; received: string | null; sum: string }[]
  >`
    select p.id, p.reference, p.amount_base_units::text as amount,
           p.received_base_units::text as received,
           coalesce((select sum(t.amount_base_units) from payment_transfers t where t.payment_id = p.id), 0)::text as sum
    from payments p`;
  for (const p of payments) {
    if (BigInt(p.received ?? '0') !== BigInt(p.sum)) {
      violations.push(`payment ${p.id}: received ${p.received} ≠ sum of its transfers ${p.sum}`);
    }
  }
  const transfers = await db<
    { signature: string; amount: string; reference: string; payment_id: string }[]
  >`
    select t.signature, t.amount_base_units::text as amount, p.reference, t.payment_id
    from payment_transfers t join payments p on p.id = t.payment_id`;
  const recorded = new Set<string>();
  for (const t of transfers) {
    recorded.add(t.signature);
    const onChain = chain.transfers.get(t.signature);
    if (!onChain) violations.push(`transfer ${t.signature}: not on the chain`);
    else if (onChain.reference !== t.reference) {
      violations.push(
        `transfer ${t.signature}: credited to payment ${t.payment_id}, another reference`,
      );
    } else if (onChain.amount !== BigInt(t.amount)) {
      violations.push(
        `transfer ${t.signature}: recorded ${t.amount}, the chain moved ${onChain.amount}`,
      );
    }
  }
  const twice = await db<{ signature: string }[]>`
    select signature from payment_transfers group by signature having count(*) > 1`;
  for (const t of twice) violations.push(`transfer ${t.signature}: credited more than once`);
  const paidShort = await db<{ order_id: string; received: string | null; amount: string }[]>`
    select o.id as order_id, p.received_base_units::text as received, p.amount_base_units::text as amount
    from orders o join payments p on p.order_id = o.id
    where exists (select 1 from order_status_events e where e.order_id = o.id and e.to_status = 'PAID')
      and coalesce(p.received_base_units, 0) < p.amount_base_units
      and not exists (select 1 from payment_resolutions r where r.payment_id = p.id and r.resolution = 'accepted')`;
  for (const o of paidShort) {
    violations.push(`order ${o.order_id}: PAID with ${o.received ?? 0} of ${o.amount}`);
  }
  const paidTwice = await db<{ order_id: string }[]>`
    select order_id from order_status_events where to_status = 'PAID'
    group by order_id having count(*) > 1`;
  for (const o of paidTwice) violations.push(`order ${o.order_id}: paid twice`);
  if (options.settled) {
    for (const p of payments) {
      for (const t of chain.heldFor(p.reference)) {
        if (!recorded.has(t.signature)) {
          violations.push(`payment ${p.id}: chain transfer ${t.signature} never recorded`);
        }
      }
    }
  }
  return violations;
}
