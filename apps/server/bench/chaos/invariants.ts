import { type Actor, canActorTransition, type OrderStatus } from '@puffy/core';
import type postgres from 'postgres';
import type { Chain } from './chain';
import { checkMoney } from './money';

export interface CheckResult {
  name: string;
  violations: string[];
}

/** Initial stock = stock + units in live (not cancelled, not expired) orders, per soak product. */
async function checkStock(
  db: postgres.TransactionSql,
  initial: Map<string, number>,
): Promise<string[]> {
  const rows = await db<{ id: string; stock: number; live: string }[]>`
    select p.id, p.stock,
      coalesce(sum(oi.quantity) filter (where o.status not in ('CANCELLED', 'EXPIRED')), 0)::text as live
    from products p
    left join order_items oi on oi.product_id = p.id
    left join orders o on o.id = oi.order_id
    where p.id = any(${[...initial.keys()]}::uuid[])
    group by p.id, p.stock`;
  return rows
    .filter((r) => initial.get(r.id) !== r.stock + Number(r.live))
    .map(
      (r) => `product ${r.id}: initial ${initial.get(r.id)} ≠ stock ${r.stock} + live ${r.live}`,
    );
}

/** Every code's uses = its unreleased usage rows ≤ its maximum. */
async function checkCodes(db: postgres.TransactionSql, maxReferralUses: number): Promise<string[]> {
  const pass = await db<{ code: string; uses: number; max: number; rows: string }[]>`
    select c.code, c.current_uses as uses, c.max_uses as max,
      (select count(*) from pass_code_usages u where u.code = c.code and u.released_at is null)::text as rows
    from pass_codes c`;
  const referral = await db<{ code: string; uses: number; rows: string }[]>`
    select r.referral_code as code, r.referral_uses as uses,
      (select count(*) from referral_code_usages u where u.code = r.referral_code and u.released_at is null)::text as rows
    from users r`;
  return [
    ...pass
      .filter((c) => c.uses !== Number(c.rows) || c.uses > c.max)
      .map((c) => `pass code ${c.code}: uses ${c.uses}, unreleased rows ${c.rows}, max ${c.max}`),
    ...referral
      .filter((c) => c.uses !== Number(c.rows) || c.uses > maxReferralUses)
      .map(
        (c) =>
          `referral ${c.code}: uses ${c.uses}, unreleased rows ${c.rows}, max ${maxReferralUses}`,
      ),
  ];
}

interface Move {
  order_id: string;
  from_status: OrderStatus | null;
  to_status: OrderStatus;
  actor: Actor;
}

/**
 * Every order's history starts at NEW, each row leaves the state the previous one entered, every
 * move is one its actor may make (core's state machine), and the last row is the order's status:
 * every state change has exactly one history row.
 */
async function checkMoves(db: postgres.TransactionSql): Promise<string[]> {
  const orders = await db<{ id: string; status: OrderStatus }[]>`select id, status from orders`;
  const events = await db<Move[]>`
    select order_id, from_status, to_status, actor from order_status_events order by order_id, seq`;
  const byOrder = new Map<string, Move[]>();
  for (const e of events) byOrder.set(e.order_id, [...(byOrder.get(e.order_id) ?? []), e]);
  const violations: string[] = [];
  for (const order of orders) {
    const history = byOrder.get(order.id) ?? [];
    let at: OrderStatus | null = null;
    for (const e of history) {
      const ok =
        at === null
          ? e.from_status === null && e.to_status === 'NEW'
          : e.from_status === at && canActorTransition(e.actor, at, e.to_status);
      if (!ok) {
        violations.push(
          `order ${order.id}: ${e.actor} move ${e.from_status}→${e.to_status} from ${at}`,
        );
        break;
      }
      at = e.to_status;
    }
    if (at !== order.status) {
      violations.push(`order ${order.id}: status ${order.status}, history ends at ${at}`);
    }
  }
  return violations;
}

export async function checkAll(options: {
  db: postgres.Sql;
  chain: Chain;
  initialStock: Map<string, number>;
  maxReferralUses: number;
  settled: boolean;
}): Promise<CheckResult[]> {
  // One snapshot for every query, so an order moving between two of them is not a violation.
  return (await options.db.begin('isolation level repeatable read read only', async (tx) => [
    { name: 'stock', violations: await checkStock(tx, options.initialStock) },
    { name: 'codes', violations: await checkCodes(tx, options.maxReferralUses) },
    { name: 'money', violations: await checkMoney(tx, options.chain, options) },
    { name: 'moves', violations: await checkMoves(tx) },
  ])) as CheckResult[];
}

/** NEW orders whose payment window closed more than `graceSeconds` ago (the worker must expire them). */
export async function overdueNewOrders(db: postgres.Sql, graceSeconds: number): Promise<number> {
  const [row] = await db<{ n: string }[]>`
    select count(*)::text as n from orders
    where status = 'NEW' and expires_at < now() - make_interval(secs => ${graceSeconds})`;
  return Number(row?.n ?? 0);
}
