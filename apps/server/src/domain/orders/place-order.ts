import { createHash } from 'node:crypto';
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
  consumePassCodeUse,
  consumeReferralCodeUse,
  insertPassCodeUsage,
  insertReferralCodeUsage,
  selectPassCode,
  selectReferralCodeOwner,
} from '../../db/queries/codes';
import {
  insertOrder,
  insertOrderItems,
  insertPayment,
  insertStatusEvent,
  lockIdempotencyKey,
  selectOrderByIdempotencyKey,
  selectProductsForOrder,
  takeStock,
} from '../../db/queries/orders';
import type { Deps } from '../../deps';
import { assertOpenOrderSlot } from './open-orders';
import { newPaymentReference, USDC_DECIMALS } from './solana-pay';
import { toOrders } from './view';

type PlaceOrderDeps = Pick<Deps, 'config' | 'database' | 'clock'>;
type Tx = Deps['database']['db'];
export type PlaceOrderInput = z.output<typeof CreateOrderInput>;

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

async function loadOrder(tx: Tx, row: Parameters<typeof toOrders>[1][number]): Promise<Order> {
  const [order] = await toOrders(tx, [row]);
  if (!order) throw new Error('order vanished');
  return order;
}

async function consumePassCode(tx: Tx, code: string, now: Date) {
  const used = await consumePassCodeUse(tx, code, now);
  if (used) return used;
  const existing = await selectPassCode(tx, code);
  if (!existing) throw new DomainError('PASS_CODE_INVALID', 'No such pass code');
  if (existing.expiresAt !== null && existing.expiresAt <= now) {
    throw new DomainError('PASS_CODE_EXPIRED', 'This pass code has expired');
  }
  throw new DomainError('PASS_CODE_EXHAUSTED', 'This pass code has no uses left');
}

async function consumeReferralCode(
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
 * `order.create`, in one transaction (SPEC §6). Every counter — pass code uses, referral uses,
 * stock — is taken with one conditional UPDATE, in a fixed lock order (pass code, referral owner,
 * products by id) so concurrent orders cannot deadlock. Any failure rolls everything back: no use,
 * no stock and no row is lost or half-written. Prices come from the database only.
 */
export async function placeOrder(
  deps: PlaceOrderDeps,
  buyerId: string,
  input: PlaceOrderInput,
): Promise<Order> {
  const { config, clock } = deps;
  const hash = requestHash(input);

  return deps.database.db.transaction(async (tx) => {
    if (input.idempotencyKey) {
      await lockIdempotencyKey(tx, buyerId, input.idempotencyKey);
      const previous = await selectOrderByIdempotencyKey(tx, buyerId, input.idempotencyKey);
      if (previous) {
        if (previous.requestHash !== hash) {
          throw new DomainError(
            'IDEMPOTENCY_KEY_REUSED',
            'This idempotency key was used for a different order',
          );
        }
        return loadOrder(tx, previous);
      }
    }
    await assertOpenOrderSlot(tx, buyerId, config.maxOpenOrdersPerUser, clock.now());

    const ids = input.items.map((i) => i.productId);
    const found = new Map((await selectProductsForOrder(tx, ids)).map((p) => [p.id, p]));
    const unavailable = ids.filter((id) => !found.get(id)?.active);
    if (unavailable.length > 0) {
      throw new DomainError('PRODUCT_UNAVAILABLE', 'Some products are not available', {
        productIds: unavailable,
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

    const now = clock.now();
    const passRequired = lines.some((l) => l.product.passRequired);
    if (passRequired && input.passCode === undefined) {
      throw new DomainError('PASS_CODE_REQUIRED', 'A pass code is required for this order', {
        productIds: lines.filter((l) => l.product.passRequired).map((l) => l.productId),
      });
    }
    const pass =
      input.passCode === undefined ? undefined : await consumePassCode(tx, input.passCode, now);
    const referralOwnerId =
      input.referralCode === undefined
        ? undefined
        : await consumeReferralCode(tx, input.referralCode, buyerId, config.referral.maxUses);

    for (const line of [...lines].sort((a, b) => a.productId.localeCompare(b.productId))) {
      if (!(await takeStock(tx, line.productId, line.quantity))) {
        throw new DomainError('OUT_OF_STOCK', `${line.product.name} is out of stock`, {
          productIds: [line.productId],
        });
      }
    }

    const price = priceOrder(
      lines.map((l) => ({ unitPriceCents: l.product.priceCents, quantity: l.quantity })),
      referralOwnerId === undefined ? undefined : { discountBps: config.referral.discountBps },
    );
    const address = input.shippingAddress;
    const order = await insertOrder(tx, {
      userId: buyerId,
      status: 'NEW',
      ...price,
      passCode: input.passCode ?? null,
      referralCode: input.referralCode ?? null,
      idempotencyKey: input.idempotencyKey ?? null,
      requestHash: hash,
      shippingName: address.name,
      shippingEmail: address.email,
      shippingPhone: address.phone ?? null,
      shippingLine1: address.line1,
      shippingLine2: address.line2 ?? null,
      shippingCity: address.city,
      shippingState: address.state ?? null,
      shippingPostalCode: address.postalCode,
      shippingCountry: address.country,
      createdAt: now,
      updatedAt: now,
      expiresAt: new Date(now.getTime() + config.payments.windowMinutes * 60_000),
    });
    await insertOrderItems(
      tx,
      lines.map((l) => ({
        orderId: order.id,
        productId: l.productId,
        name: l.product.name,
        unitPriceCents: l.product.priceCents,
        quantity: l.quantity,
      })),
    );
    if (pass && input.passCode !== undefined) {
      await insertPassCodeUsage(tx, {
        code: input.passCode,
        codeOwnerId: pass.ownerId,
        codeUserId: buyerId,
        orderId: order.id,
      });
    }
    if (referralOwnerId !== undefined && input.referralCode !== undefined) {
      await insertReferralCodeUsage(tx, {
        code: input.referralCode,
        codeOwnerId: referralOwnerId,
        codeUserId: buyerId,
        orderId: order.id,
      });
    }
    await insertPayment(tx, {
      orderId: order.id,
      recipient: config.solana.merchantWallet,
      splToken: config.solana.usdcMint,
      amount: formatCents(price.totalCents),
      amountBaseUnits: centsToBaseUnits(price.totalCents, USDC_DECIMALS),
      reference: newPaymentReference(),
    });
    await insertStatusEvent(tx, {
      orderId: order.id,
      fromStatus: null,
      toStatus: 'NEW',
      actor: 'buyer',
      actorId: buyerId,
      createdAt: now,
    });
    return loadOrder(tx, order);
  });
}
