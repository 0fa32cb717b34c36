import { transformer } from '@puffy/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type Buyer, openShop, type Shop, shippingTo } from './shop';

const REAL_CODE = 'REAL-CODE-9QX7';

/** order.create over HTTP from a chosen client IP (TRUST_PROXY=1 takes it from X-Forwarded-For). */
async function orderFrom(
  shop: Shop,
  buyer: Buyer,
  ip: string,
  passCode: string,
  productId: string,
) {
  const res = await fetch(`${shop.url}/trpc/order.create`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${buyer.token}`,
      'x-forwarded-for': ip,
    },
    body: JSON.stringify(
      transformer.serialize({
        items: [{ productId, quantity: 1 }],
        shippingAddress: shippingTo('US'),
        passCode,
      }),
    ),
  });
  const body = (await res.json()) as { error?: { json?: { data?: { reason?: string } } } };
  return {
    status: res.status,
    reason: body.error?.json?.data?.reason ?? null,
    retryAfter: res.headers.get('retry-after'),
  };
}

describe('failed pass-code attempts are limited', () => {
  let shop: Shop;
  afterEach(() => shop.close());

  async function soldOutGatedProduct() {
    const owner = await shop.buyer();
    await shop.admin.admin.passCode.create.mutate({
      ownerId: owner.userId,
      code: REAL_CODE,
      maxUses: 100,
    });
    return shop.product({ passRequired: true, stock: 0 });
  }

  it('per user: after 3 wrong codes even the right one is refused, from any IP', async () => {
    shop = await openShop({
      env: { RATE_LIMIT_CODE_FAILURES_PER_HOUR: '3', TRUST_PROXY: 'true' },
    });
    const product = await soldOutGatedProduct();
    const guesser = await shop.buyer();
    for (let i = 0; i < 3; i++) {
      const res = await orderFrom(shop, guesser, `203.0.113.${i + 1}`, `WRONG-${i}`, product.id);
      expect(res.reason).toBe('PASS_CODE_INVALID');
    }
    const limited = await orderFrom(shop, guesser, '203.0.113.99', REAL_CODE, product.id);
    expect(limited).toMatchObject({ status: 429, reason: 'RATE_LIMITED' });
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    // Someone else is not affected.
    const other = await shop.buyer();
    expect((await orderFrom(shop, other, '203.0.113.50', REAL_CODE, product.id)).reason).toBe(
      'OUT_OF_STOCK',
    );
  });

  it('per IP: fresh wallets from one IPv6 /64 share one budget', async () => {
    shop = await openShop({
      env: { RATE_LIMIT_CODE_FAILURES_PER_HOUR: '3', TRUST_PROXY: 'true' },
    });
    const product = await soldOutGatedProduct();
    for (let i = 0; i < 3; i++) {
      const wallet = await shop.buyer();
      const res = await orderFrom(shop, wallet, `2001:db8:5:6::${i + 1}`, `WRONG-${i}`, product.id);
      expect(res.reason).toBe('PASS_CODE_INVALID');
    }
    const fresh = await shop.buyer();
    const limited = await orderFrom(shop, fresh, '2001:db8:5:6::ffff', REAL_CODE, product.id);
    expect(limited).toMatchObject({ status: 429, reason: 'RATE_LIMITED' });
    // Another /64 has its own budget.
    const elsewhere = await orderFrom(shop, fresh, '2001:db8:5:7::1', REAL_CODE, product.id);
    expect(elsewhere.reason).toBe('OUT_OF_STOCK');
  });

  it('attempts where the code was right do not count', async () => {
    shop = await openShop({ env: { RATE_LIMIT_CODE_FAILURES_PER_HOUR: '2' } });
    const product = await soldOutGatedProduct();
    const buyer = await shop.buyer();
    for (let i = 0; i < 5; i++) {
      expect((await orderFrom(shop, buyer, '127.0.0.1', REAL_CODE, product.id)).reason).toBe(
        'OUT_OF_STOCK',
      );
    }
  });
});
