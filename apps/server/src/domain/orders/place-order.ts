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
import type { Tx } from '../../db/client';
import {
  consumePassCodeUse,
  consumeReferralCodeUse,
  selectPassCode,
  selectReferralCodeOwner,
} from '../../db/queries/codes';
import {
  addressColumns,
  insertOrderRecord,
  lockIdempotencyKey,
  type OrderRecord,
  type OrderRow,
  selectOrderByIdempotencyKey,
  selectProductsForOrder,
  takeStock,
} from '../../db/queries/orders';
import type { Deps } from '../../deps';
import { assertOpenOrderSlot } from './open-orders';
import { newPaymentReference, USDC_DECIMALS } from './solana-pay';
import { loadOrderView, toOrder } from './view';

type PlaceOrderDeps = Pick<Deps, 'config' | 'database' | 'clock'>;
export type PlaceOrderInput = z.output<typeof CreateOrderInput>;
type Product = Awaited<ReturnType<typeof selectProductsForOrder>>[number];
type Line = PlaceOrderInput['items'][number] & { product: Product };
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
 * Step 1, replay: with an idempotency key, requests carrying the same (buyer, key) queue on an
 * advisory lock, and every one after the first gets the first's order — or a conflict if its
 * payload differs. The products are read in the same round trip as the replay check: only the
 * replay read has to wait for the lock.
 */
async function replayOrLoadProducts(
  tx: Tx,
  buyerId: string,
  input: PlaceOrderInput,
  hash: string,
): Promise<{ replay: Order } | { products: Product[] }> {
  const ids = input.items.map((i) => i.productId);
  if (input.idempotencyKey === undefined)
    return { products: await selectProductsForOrder(tx, ids) };
  await lockIdempotencyKey(tx, buyerId, input.idempotencyKey);
  const [previous, products] = await Promise.all([
    selectOrderByIdempotencyKey(tx, buyerId, input.idempotencyKey),
    selectProductsForOrder(tx, ids),
  ]);
  if (!previous) return { products };
  if (previous.requestHash !== hash) {
    throw new DomainError(
      'IDEMPOTENCY_KEY_REUSED',
      'This idempotency key was used for a different order',
    );
  }
  return { replay: await loadOrderView(tx, previous) };
}

/**
 * Step 2, load lines: every product must exist and be active; then the shop's rules on what was
 * found — vape eligibility and age, and a pass code when any product needs one.
 */
function toLines(input: PlaceOrderInput, products: Product[]): Line[] {
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

/** Step 3a: one use of the pass code (conditional UPDATE); the follow-up read only words why not. */
async function reservePassCode(tx: Tx, code: string, now: Date): Promise<string> {
  const used = await consumePassCodeUse(tx, code, now);
  if (used) return used.ownerId;
  const existing = await selectPassCode(tx, code);
  if (!existing) throw new DomainError('PASS_CODE_INVALID', 'No such pass code');
  if (existing.expiresAt !== null && existing.expiresAt <= now) {
    throw new DomainError('PASS_CODE_EXPIRED', 'This pass code has expired');
  }
  throw new DomainError('PASS_CODE_EXHAUSTED', 'This pass code has no uses left');
}

/** Step 3b: one use of the referral code, never the buyer's own. */
async function reserveReferralCode(
  tx: Tx,
  code: string,
  buyerId: string,
  maxUses: number | null,
): Promise<string> {
  const used = await consumeReferralCodeUse(tx, code, buyerId, maxUses);
  if (used) return used.ownerId;
  const owner = await selectReferralCodeOwner(tx, code);
  if (!owner) throw new DomainError('REFERRAL_CODE_INVALID', 'No such referral code');
  if (owner.id === buyerId) {
    throw new DomainError('SELF_REFERRAL', 'You cannot use your own referral code');
  }
  throw new DomainError('REFERRAL_CODE_EXHAUSTED', 'This referral code has no uses left');
}

/**
 * Step 3c: the stock of every line, in product-id order (the lock order cancel and expire use
 * too). It runs last, right before COMMIT: a popular product's row lock is then held for one
 * round trip, not for the whole order.
 */
async function reserveStock(tx: Tx, lines: Line[]) {
  for (const line of [...lines].sort(byProductId)) {
    if (!(await takeStock(tx, line.productId, line.quantity))) {
      throw new DomainError('OUT_OF_STOCK', `${line.product.name} is out of stock`, {
        productIds: [line.productId],
      });
    }
  }
}

/** Step 4's rows: the order as priced, its items, its payment request and first history row. */
function draftRecord(
  deps: PlaceOrderDeps,
  buyerId: string,
  input: PlaceOrderInput,
  lines: Line[],
  hash: string,
  now: Date,
): OrderRecord & { order: OrderRow } {
  const { config } = deps;
  const price = priceOrder(
    lines.map((l) => ({ unitPriceCents: l.product.priceCents, quantity: l.quantity })),
    input.referralCode === undefined ? undefined : { discountBps: config.referral.discountBps },
  );
  const order: OrderRow = {
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
  };
  return {
    order,
    // In product-id order, as orders are read back.
    items: [...lines].sort(byProductId).map((l) => ({
      orderId: order.id,
      productId: l.productId,
      name: l.product.name,
      unitPriceCents: l.product.priceCents,
      quantity: l.quantity,
    })),
    payment: {
      orderId: order.id,
      recipient: config.solana.merchantWallet,
      splToken: config.solana.usdcMint,
      amount: formatCents(price.totalCents),
      amountBaseUnits: centsToBaseUnits(price.totalCents, USDC_DECIMALS),
      reference: newPaymentReference(),
    },
    event: {
      orderId: order.id,
      fromStatus: null,
      toStatus: 'NEW',
      actor: 'buyer',
      actorId: buyerId,
      note: null,
      createdAt: now,
    },
  };
}

/**
 * `order.create`, in one transaction: replay → load lines → reserve codes → record → reserve
 * stock. Every counter (pass code uses, referral uses, stock) is taken with one conditional
 * UPDATE, in a fixed lock order (pass code, referral owner, products by id) so concurrent orders
 * cannot deadlock. Any failure rolls everything back: no use, no stock and no row is lost or
 * half-written. Prices come from the database only. The answer is built from what was written,
 * not read back.
 */
export async function placeOrder(
  deps: PlaceOrderDeps,
  buyerId: string,
  input: PlaceOrderInput,
): Promise<Order> {
  const { config, clock } = deps;
  const hash = requestHash(input);

  return deps.database.db.transaction(async (tx) => {
    const loaded = await replayOrLoadProducts(tx, buyerId, input, hash);
    if ('replay' in loaded) return loaded.replay;
    const lines = toLines(input, loaded.products);

    // Per-buyer checks that need no reservation belong here: after the rules, before anything is
    // taken. The cap on open orders takes a per-buyer lock, so concurrent orders count each other.
    await assertOpenOrderSlot(tx, buyerId, config.maxOpenOrdersPerUser, clock.now());

    const now = clock.now();
    const record = draftRecord(deps, buyerId, input, lines, hash, now);
    const usage = { codeUserId: buyerId, orderId: record.order.id };
    if (input.passCode !== undefined) {
      const codeOwnerId = await reservePassCode(tx, input.passCode, now);
      record.passUsage = { ...usage, code: input.passCode, codeOwnerId };
    }
    if (input.referralCode !== undefined) {
      const code = input.referralCode;
      const codeOwnerId = await reserveReferralCode(tx, code, buyerId, config.referral.maxUses);
      record.referralUsage = { ...usage, code, codeOwnerId };
    }
    await insertOrderRecord(tx, record);
    await reserveStock(tx, lines);

    return toOrder(
      record.order,
      record.items,
      { ...record.payment, status: 'pending', txSignature: null },
      [record.event],
    );
  });
}
