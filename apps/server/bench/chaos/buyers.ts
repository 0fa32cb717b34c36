import { randomUUID } from 'node:crypto';
import type { Chain } from './chain';
import { callWithRetry } from './client';
import type { Requests } from './requests';
import type { Products, Session } from './shop';

export interface Buyer extends Session {
  referralCode: string;
  passCode: string;
}

export type Plan = 'full' | 'two parts' | 'underpay' | 'overpay' | 'cancel' | 'abandon';
const PLANS: [Plan, number][] = [
  ['full', 40],
  ['two parts', 15],
  ['underpay', 10],
  ['overpay', 10],
  ['cancel', 12],
  ['abandon', 13],
];

const ADDRESS = {
  name: 'Soak Buyer',
  email: 'soak@example.com',
  line1: '1 Chaos Street',
  city: 'Berlin',
  postalCode: '10115',
  country: 'DE',
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)] as T;

function pickPlan(): Plan {
  let roll = Math.random() * PLANS.reduce((s, [, w]) => s + w, 0);
  for (const [plan, weight] of PLANS) {
    roll -= weight;
    if (roll < 0) return plan;
  }
  return 'full';
}

/** "12.5" USDC → 12500000 base units (6 decimals), exactly. */
export function toBaseUnits(amount: string): bigint {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6) || '0');
}

export interface BuyerStats {
  orders: number;
  refusals: Map<string, number>;
  plans: Map<Plan, number>;
  /** Idempotent retries that returned another order than the first answer (must stay empty). */
  diverged: string[];
  /** Live references, for the reference-spam fault. */
  references: string[];
}

export function newBuyerStats(): BuyerStats {
  return { orders: 0, refusals: new Map(), plans: new Map(), diverged: [], references: [] };
}

/**
 * One buyer's loop until `running()` is false: browse, order (sometimes the scarce product,
 * sometimes with another buyer's pass or referral code), then pay in full, in two parts, too
 * little, too much, cancel, or walk away and let the order expire.
 */
export async function runBuyer(options: {
  me: Buyer;
  others: Buyer[];
  products: Products;
  requests: Requests;
  chain: Chain;
  stats: BuyerStats;
  running: () => boolean;
}) {
  const { me, others, products, requests, chain, stats } = options;
  const refuse = (reason = 'unknown') =>
    stats.refusals.set(reason, (stats.refusals.get(reason) ?? 0) + 1);
  while (options.running()) {
    await callWithRetry(requests, 'product.list', 'query', { limit: 20 });
    const roll = Math.random();
    const other = pick(others);
    const input = {
      items: [
        roll < 0.2
          ? { productId: products.scarce, quantity: 1 }
          : roll < 0.35
            ? { productId: products.passOnly, quantity: 1 }
            : { productId: products.plenty, quantity: 1 + Math.floor(Math.random() * 3) },
      ],
      shippingAddress: ADDRESS,
      ...(roll >= 0.2 && roll < 0.35 ? { passCode: other.passCode } : {}),
      ...(Math.random() < 0.3 ? { referralCode: other.referralCode } : {}),
      idempotencyKey: randomUUID(),
    };
    const created = await callWithRetry(requests, 'order.create', 'mutation', input, me.token);
    if (created.outcome !== 'ok') {
      if (created.outcome === 'refused') refuse(created.reason);
      await sleep(1000);
      continue;
    }
    const order = created.data as {
      id: string;
      payment: { reference: string; amount: string };
    };
    stats.orders++;
    if (Math.random() < 0.3) {
      // The client lost the answer (as far as it knows) and sends the same request again.
      const again = await callWithRetry(requests, 'order.create', 'mutation', input, me.token);
      const id = (again.data as { id?: string } | undefined)?.id;
      if (again.outcome !== 'ok' || id !== order.id) {
        stats.diverged.push(`order.create retry: ${again.outcome} ${again.reason ?? ''} ${id}`);
      }
    }
    stats.references.push(order.payment.reference);
    if (stats.references.length > 200) stats.references.shift();
    const plan = pickPlan();
    stats.plans.set(plan, (stats.plans.get(plan) ?? 0) + 1);
    const amount = toBaseUnits(order.payment.amount);
    const reference = order.payment.reference;
    switch (plan) {
      case 'full':
        chain.pay(reference, amount);
        break;
      case 'two parts': {
        const first = amount / 3n;
        chain.pay(reference, first);
        await sleep(500 + Math.random() * 1500);
        chain.pay(reference, amount - first);
        break;
      }
      case 'underpay':
        chain.pay(reference, amount - 10_000n);
        break;
      case 'overpay':
        chain.pay(reference, amount + 250_000n);
        break;
      case 'cancel': {
        const cancelled = await callWithRetry(
          requests,
          'order.cancel',
          'mutation',
          { id: order.id },
          me.token,
        );
        if (cancelled.outcome === 'refused') refuse(cancelled.reason);
        break;
      }
      case 'abandon':
        break;
    }
    await sleep(200 + Math.random() * 800);
  }
}
