import { createHash, randomUUID } from 'node:crypto';
import {
  type CreateOrderInput,
  centsToBaseUnits,
  checkEligibility,
  DomainError,
  formatCents,
  type Order,
  priceOrder,
} from '@puffy/core';
import type { z } from 'zod';
import {
  type OrderableProduct,
  type PlacementRecord,
  type PlacementRefusal,
  placeOrderAtomically,
  selectOrderableProducts,
} from '../../db/queries/order-placement';
import { addressColumns, selectOrderByIdempotencyKey } from '../../db/queries/orders';
import type { Deps } from '../../deps';
import { newPaymentReference, USDC_DECIMALS } from './solana-pay';
import { loadOrderView, toOrder } from './view';

type PlaceOrderDeps = Pick<Deps, 'config' | 'database' | 'clock'>;
export type PlaceOrderInput = z.output<typeof CreateOrderInput>;
type Line = PlaceOrderInput['items'][number] & { product: OrderableProduct };
/** Postgres's uuid order (byte order = lowercase hex order): the lock order everywhere. */
const byProductId = (a: Line, b: Line) => {
  const [x, y] = [a.productId.toLowerCase(), b.productId.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : 0;
};

/** sha-256 of the order request with sorted keys: the same payload always hashes the same. */
export function requestHash(input: PlaceOrderInput): string {
  const { idempotencyKey: _key, ...payload } = input;
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
      );
    }
    return value;
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(payload)))
    .digest('hex');
}

/**
 * Replay: the buyer already placed an order under this idempotency key. The same payload gets
 * that order back and consumes nothing again; another payload is a conflict.
 */
async function replay(
  deps: PlaceOrderDeps,
  buyerId: string,
  key: string,
  hash: string,
): Promise<Order> {
  const db = deps.database.db;
  const previous = await selectOrderByIdempotencyKey(db, buyerId, key);
  if (!previous) throw new Error('the order under this idempotency key vanished');
  if (previous.requestHash !== hash) {
    throw new DomainError(
      'IDEMPOTENCY_KEY_REUSED',
      'This idempotency key was used for a different order',
    );
  }
  return loadOrderView(db, previous, 'buyer');
}

/**
 * The lines: every product must exist and be active; then the shop's rules on what was found —
 * vape eligibility and age, and a pass code when any product needs one.
 */
function toLines(input: PlaceOrderInput, products: OrderableProduct[]): Line[] {
  const found = new Map(products.map((p) => [p.id, p]));
  const unavailable = input.items.filter((i) => !found.get(i.productId)?.active);
  if (unavailable.length > 0) {
    throw new DomainError('PRODUCT_UNAVAILABLE', 'Some products are not available', {
      productIds: unavailable.map((i) => i.productId),
    });
  }
  const lines = input.items.map((item) => {
    const product = found.get(item.productId);
    if (!product) throw new Error('unreachable: product checked above');
    return { ...item, product };
  });

  const violations = checkEligibility(
    lines.map((l) => ({ productId: l.productId, category: l.product.category })),
    input.shippingAddress,
    input.ageConfirmed,
  );
  const [violation] = violations;
  if (violation) {
    throw new DomainError(violation.reason, violation.message, {
      productIds: violation.productIds,
      violations: violations.map((v) => v.reason),
    });
  }
  const gated = lines.filter((l) => l.product.passRequired);
  if (gated.length > 0 && input.passCode === undefined) {
    throw new DomainError('PASS_CODE_REQUIRED', 'A pass code is required for this order', {
      productIds: gated.map((l) => l.productId),
    });
  }
  return lines;
}

/** The order as priced, its lines and its payment request: every row it writes. */
function draftRecord(
  deps: PlaceOrderDeps,
  buyerId: string,
  input: PlaceOrderInput,
  lines: Line[],
  hash: string,
  now: Date,
): PlacementRecord {
  const { config } = deps;
  const price = priceOrder(
    lines.map((l) => ({ unitPriceCents: l.product.priceCents, quantity: l.quantity })),
    input.referralCode === undefined ? undefined : { discountBps: config.referral.discountBps },
  );
  return {
    order: {
      id: randomUUID(),
      userId: buyerId,
      status: 'NEW',
      ...price,
      currency: 'USD',
      passCode: input.passCode ?? null,
      referralCode: input.referralCode ?? null,
      idempotencyKey: input.idempotencyKey ?? null,
      requestHash: hash,
      ...addressColumns(input.shippingAddress),
      trackingNumber: null,
      createdAt: now,
      updatedAt: now,
      expiresAt: new Date(now.getTime() + config.payments.windowMinutes * 60_000),
    },
    // In product-id order, as orders are read back.
    lines: [...lines].sort(byProductId).map((l) => ({
      productId: l.productId,
      quantity: l.quantity,
      name: l.product.name,
      unitPriceCents: l.product.priceCents,
      category: l.product.category,
      passRequired: l.product.passRequired,
    })),
    payment: {
      recipient: config.solana.merchantWallet,
      splToken: config.solana.usdcMint,
      amount: formatCents(price.totalCents),
      amountBaseUnits: centsToBaseUnits(price.totalCents, USDC_DECIMALS),
      reference: newPaymentReference(),
    },
  };
}

/** The buyer-facing error for a refusal the database decided. */
function refusalError(
  refusal: Exclude<PlacementRefusal, 'REPLAY' | 'PRODUCT_CHANGED'>,
  lines: Line[],
  productId: string | null,
  maxOpenOrders: number,
): DomainError {
  switch (refusal) {
    case 'TOO_MANY_OPEN_ORDERS':
      return new DomainError(
        refusal,
        `You already have ${maxOpenOrders} unpaid orders; pay or cancel one first`,
        { maxOpenOrders },
      );
    case 'PASS_CODE_INVALID':
      return new DomainError(refusal, 'No such pass code');
    case 'PASS_CODE_EXPIRED':
      return new DomainError(refusal, 'This pass code has expired');
    case 'PASS_CODE_EXHAUSTED':
      return new DomainError(refusal, 'This pass code has no uses left');
    case 'REFERRAL_CODE_INVALID':
      return new DomainError(refusal, 'No such referral code');
    case 'SELF_REFERRAL':
      return new DomainError(refusal, 'You cannot use your own referral code');
    case 'REFERRAL_CODE_EXHAUSTED':
      return new DomainError(refusal, 'This referral code has no uses left');
    case 'OUT_OF_STOCK': {
      // The first line in product-id order that could not be served, as the lock order goes.
      const line =
        lines.find((l) => l.productId.toLowerCase() === productId) ??
        [...lines].sort(byProductId)[0];
      return new DomainError(refusal, `${line?.product.name ?? 'A product'} is out of stock`, {
        productIds: line ? [line.productId] : [],
      });
    }
  }
}

/** A product changed between being priced and being locked: price it again, a few times. */
const PLACEMENT_ATTEMPTS = 3;

/**
 * `order.create` in two round trips. First the products are read, without locks, and the shop's
 * rules (availability, vape eligibility, the pass-code gate) and the price are decided on them.
 * Then one transaction, sent to Postgres in one round trip, takes the buyer's lock (open-order cap
 * and idempotency key), the code and product rows (in the lock order cancel and expiry use), checks
 * every counter and that the products are still as priced, and writes the order, its lines, payment
 * request, first history row, usage rows and counters — or writes nothing and says why. No lock is
 * ever held while the server waits for this process. A product that changed meanwhile is priced
 * again; a key already used by this buyer replays that order. The answer is built from what was
 * written, not read back.
 */
export async function placeOrder(
  deps: PlaceOrderDeps,
  buyerId: string,
  input: PlaceOrderInput,
): Promise<Order> {
  const { config, clock } = deps;
  const hash = requestHash(input);
  const ids = input.items.map((i) => i.productId);

  for (let attempt = 1; ; attempt++) {
    const lines = toLines(input, await selectOrderableProducts(deps.database, ids));
    const now = clock.now();
    const record = draftRecord(deps, buyerId, input, lines, hash, now);
    const outcome = await placeOrderAtomically(deps.database, {
      buyerId,
      now,
      maxOpenOrders: config.maxOpenOrdersPerUser,
      passCode: input.passCode,
      referralCode: input.referralCode,
      maxReferralUses: config.referral.maxUses,
      record,
    });
    if (outcome.placed) {
      const { order } = record;
      return toOrder(
        order,
        record.lines,
        { ...record.payment, status: 'pending', txSignature: null },
        // A Date of its own: superjson writes a Date met twice as a reference, which costs the
        // answer the fast serializer.
        [
          {
            fromStatus: null,
            toStatus: 'NEW',
            actor: 'buyer',
            note: null,
            message: null,
            createdAt: new Date(now),
          },
        ],
        'buyer',
      );
    }
    const { refusal } = outcome;
    if (refusal === 'REPLAY') {
      if (input.idempotencyKey === undefined) throw new Error('a replay without a key');
      return replay(deps, buyerId, input.idempotencyKey, hash);
    }
    if (refusal === 'PRODUCT_CHANGED') {
      if (attempt < PLACEMENT_ATTEMPTS) continue;
      throw new DomainError(
        'PRODUCT_UNAVAILABLE',
        'The products changed while the order was being placed; try again',
        { productIds: ids },
      );
    }
    throw refusalError(refusal, lines, outcome.productId, config.maxOpenOrdersPerUser);
  }
}
