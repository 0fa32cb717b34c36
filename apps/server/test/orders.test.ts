import { CreateOrderInput } from '@puffy/core';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeOrder } from '../src/domain/orders/place-order';
import { fastSerialize } from '../src/trpc/fast-serialize';
import { rawCall, trpcClient } from './http';
import { type Buyer, openShop, orderCount, type Shop, shippingTo, stockOf } from './shop';
import { createWallet, signIn } from './wallet';

describe('placing and following an order', () => {
  let shop: Shop;
  let buyer: Buyer;

  beforeAll(async () => {
    shop = await openShop();
    buyer = await shop.buyer();
  });
  afterAll(() => shop.close());

  it('creates a NEW order priced from the database with a Solana Pay request and history', async () => {
    const tee = await shop.product({ priceCents: 2500, stock: 10 });
    const cap = await shop.product({ priceCents: 1999, stock: 5 });
    const order = await shop.order(buyer, {
      items: [
        { productId: tee.id, quantity: 2 },
        { productId: cap.id, quantity: 1 },
      ],
    });
    expect(order).toMatchObject({
      status: 'NEW',
      subtotalCents: 6999,
      discountCents: 0,
      totalCents: 6999,
      currency: 'USD',
      passCode: null,
      referralCode: null,
      trackingNumber: null,
      nextStatuses: ['PAID', 'CANCELLED', 'EXPIRED'],
      shippingAddress: shippingTo('US'),
    });
    expect(order.items).toHaveLength(2);
    expect(order.history).toEqual([
      {
        from: null,
        to: 'NEW',
        actor: 'buyer',
        note: null,
        message: 'Order placed; waiting for payment',
        at: expect.any(Date),
      },
    ]);
    const payment = order.payment;
    expect(payment).toMatchObject({
      amount: '69.99',
      recipient: shop.world.config.solana.merchantWallet,
      splToken: shop.world.config.solana.usdcMint,
      status: 'pending',
      txSignature: null,
    });
    expect(payment.url).toBe(
      `solana:${payment.recipient}?amount=69.99&spl-token=${payment.splToken}&reference=${payment.reference}&label=Puffy&message=Puffy%20order%20${order.id.slice(0, 8)}&memo=${order.id}`,
    );
    expect(order.expiresAt.getTime() - order.createdAt.getTime()).toBe(30 * 60_000);
    expect(await stockOf(shop, tee.id)).toBe(8);
    expect(await stockOf(shop, cap.id)).toBe(4);

    // The answer is built from what was written; reading the order back must give the same.
    expect(await buyer.client.order.byId.query({ id: order.id })).toEqual(order);
    const list = await buyer.client.order.list.query({});
    expect(list.items.map((o) => o.id)).toContain(order.id);
  });

  it("the answer is written by the fast serializer: superjson's exact output, no object in it twice", async () => {
    const item = await shop.product();
    const order = await placeOrder(
      shop.world.deps,
      buyer.userId,
      CreateOrderInput.parse({
        items: [{ productId: item.id, quantity: 1 }],
        shippingAddress: shippingTo('US'),
      }),
    );
    expect(fastSerialize(order)).toEqual(superjson.serialize(order));
  });

  it('refuses a client-sent price (strict input) and never writes anything for it', async () => {
    const item = await shop.product();
    const before = await orderCount(shop, buyer.userId);
    const res = await rawCall(
      shop.url,
      'order.create',
      'mutation',
      {
        items: [{ productId: item.id, quantity: 1, unitPriceCents: 1 }],
        shippingAddress: shippingTo('US'),
      },
      { headers: { authorization: `Bearer ${buyer.token}` } },
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('unitPriceCents');
    expect(await orderCount(shop, buyer.userId)).toBe(before);
  });

  it('refuses control characters in the address and an order total past the 32-bit limit, with 400', async () => {
    const item = await shop.product({ priceCents: 100_000_000, stock: 1000 });
    const before = await orderCount(shop, buyer.userId);
    const headers = { authorization: `Bearer ${buyer.token}` };
    const nul = await rawCall(
      shop.url,
      'order.create',
      'mutation',
      {
        items: [{ productId: item.id, quantity: 1 }],
        shippingAddress: shippingTo('US', { name: 'A\u0000' }),
      },
      { headers },
    );
    expect(nul.status).toBe(400);
    expect(JSON.stringify(nul.body)).toContain('control characters');
    const huge = await rawCall(
      shop.url,
      'order.create',
      'mutation',
      {
        items: [
          { productId: item.id, quantity: 10 },
          { productId: (await shop.product({ priceCents: 100_000_000 })).id, quantity: 10 },
          { productId: (await shop.product({ priceCents: 100_000_000 })).id, quantity: 10 },
        ],
        shippingAddress: shippingTo('US'),
      },
      { headers },
    );
    expect(huge.status).toBe(400);
    expect(JSON.stringify(huge.body)).toContain('VALIDATION_FAILED');
    expect(await orderCount(shop, buyer.userId)).toBe(before);
    expect(await stockOf(shop, item.id)).toBe(1000);
  });

  it("another buyer's order is NOT_FOUND for reading and cancelling", async () => {
    const item = await shop.product();
    const order = await shop.order(buyer, { items: [{ productId: item.id, quantity: 1 }] });
    const stranger = await shop.buyer();
    await expect(stranger.client.order.byId.query({ id: order.id })).rejects.toMatchObject({
      data: { code: 'NOT_FOUND', reason: 'ORDER_NOT_FOUND' },
    });
    await expect(stranger.client.order.cancel.mutate({ id: order.id })).rejects.toMatchObject({
      data: { code: 'NOT_FOUND' },
    });
    expect((await stranger.client.order.list.query({})).items).toEqual([]);
    expect((await buyer.client.order.byId.query({ id: order.id })).status).toBe('NEW');
  });

  it('cancel releases the stock once; a second cancel changes nothing', async () => {
    const item = await shop.product({ stock: 4 });
    const order = await shop.order(buyer, { items: [{ productId: item.id, quantity: 3 }] });
    expect(await stockOf(shop, item.id)).toBe(1);
    const cancelled = await buyer.client.order.cancel.mutate({ id: order.id });
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.history.map((h) => [h.from, h.to, h.actor])).toEqual([
      [null, 'NEW', 'buyer'],
      ['NEW', 'CANCELLED', 'buyer'],
    ]);
    expect(await stockOf(shop, item.id)).toBe(4);
    await expect(buyer.client.order.cancel.mutate({ id: order.id })).rejects.toMatchObject({
      data: { code: 'PRECONDITION_FAILED', reason: 'INVALID_TRANSITION' },
    });
    expect(await stockOf(shop, item.id)).toBe(4);
  });

  it('a product out of stock or inactive is refused and nothing is consumed', async () => {
    const scarce = await shop.product({ stock: 1 });
    const plenty = await shop.product({ stock: 10 });
    await expect(
      shop.order(buyer, {
        items: [
          { productId: plenty.id, quantity: 2 },
          { productId: scarce.id, quantity: 2 },
        ],
      }),
    ).rejects.toMatchObject({ data: { code: 'CONFLICT', reason: 'OUT_OF_STOCK' } });
    expect(await stockOf(shop, plenty.id)).toBe(10);
    const hidden = await shop.product({ active: false });
    await expect(
      shop.order(buyer, { items: [{ productId: hidden.id, quantity: 1 }] }),
    ).rejects.toMatchObject({ data: { reason: 'PRODUCT_UNAVAILABLE' } });
  });
});

describe('vape eligibility', () => {
  let shop: Shop;
  let buyer: Buyer;

  beforeAll(async () => {
    shop = await openShop({ transport: 'in-process' });
    buyer = await shop.buyer();
  });
  afterAll(() => shop.close());

  it('refuses a vape to a country outside the allowlist, or without age confirmation', async () => {
    const pod = await shop.product({ category: 'VAPE', stock: 10 });
    const tee = await shop.product({ stock: 10 });
    const cart = [
      { productId: pod.id, quantity: 1 },
      { productId: tee.id, quantity: 1 },
    ];
    await expect(
      shop.order(buyer, { items: cart, shippingAddress: shippingTo('NL'), ageConfirmed: true }),
    ).rejects.toMatchObject({
      data: {
        code: 'PRECONDITION_FAILED',
        reason: 'COUNTRY_NOT_ELIGIBLE',
        details: { productIds: [pod.id] },
      },
    });
    await expect(
      shop.order(buyer, { items: cart, shippingAddress: shippingTo('US') }),
    ).rejects.toMatchObject({ data: { reason: 'AGE_NOT_CONFIRMED' } });
    expect(await orderCount(shop, buyer.userId)).toBe(0);
    expect(await stockOf(shop, pod.id)).toBe(10);

    // The same cart without the vape ships to NL; with it, to an allowlisted country.
    const withoutVape = await shop.order(buyer, {
      items: [{ productId: tee.id, quantity: 1 }],
      shippingAddress: shippingTo('NL'),
    });
    expect(withoutVape.status).toBe('NEW');
    const toJapan = await shop.order(buyer, {
      items: cart,
      shippingAddress: shippingTo('jp'),
      ageConfirmed: true,
    });
    expect(toJapan.shippingAddress.country).toBe('JP');
  });
});

describe('idempotency', () => {
  let shop: Shop;

  beforeAll(async () => {
    shop = await openShop({ transport: 'in-process' });
  });
  afterAll(() => shop.close());

  it('the same key and payload returns the first order; another payload is CONFLICT', async () => {
    const buyer = await shop.buyer();
    const item = await shop.product({ stock: 10 });
    const key = '6b0c7f3e-1d2a-4c5b-8e9f-0a1b2c3d4e5f';
    const input = { items: [{ productId: item.id, quantity: 2 }], idempotencyKey: key };
    const first = await shop.order(buyer, input);
    const again = await shop.order(buyer, input);
    expect(again.id).toBe(first.id);
    expect(await stockOf(shop, item.id)).toBe(8);
    await expect(
      shop.order(buyer, { ...input, items: [{ productId: item.id, quantity: 3 }] }),
    ).rejects.toMatchObject({ data: { code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' } });
    // Keys are per user: another buyer's identical key is a new order.
    const other = await shop.buyer();
    expect((await shop.order(other, input)).id).not.toBe(first.id);
  });
});

describe('admin fulfilment', () => {
  let shop: Shop;

  beforeAll(async () => {
    shop = await openShop({ transport: 'in-process' });
  });
  afterAll(() => shop.close());

  it('walks an order to DELIVERED, requiring a tracking number to ship', async () => {
    const buyer = await shop.buyer();
    const item = await shop.product();
    const order = await shop.order(buyer, { items: [{ productId: item.id, quantity: 1 }] });
    const move = (
      to: Parameters<typeof shop.admin.admin.order.transition.mutate>[0]['to'],
      extra = {},
    ) => shop.admin.admin.order.transition.mutate({ id: order.id, to, ...extra });
    await move('PAID');
    await move('CONFIRMED', { note: 'checked by hand' });
    await move('PROCESSING');
    await expect(move('SHIPPED')).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST', reason: 'TRACKING_NUMBER_REQUIRED' },
    });
    const shipped = await move('SHIPPED', { trackingNumber: '1Z999AA10123456784' });
    expect(shipped.trackingNumber).toBe('1Z999AA10123456784');
    const delivered = await move('DELIVERED');
    expect(delivered.nextStatuses).toEqual([]);
    expect(delivered.history.map((h) => h.to)).toEqual([
      'NEW',
      'PAID',
      'CONFIRMED',
      'PROCESSING',
      'SHIPPED',
      'DELIVERED',
    ]);
    expect(delivered.history[2]).toMatchObject({ actor: 'admin', note: 'checked by hand' });
    await expect(move('REFUNDED')).rejects.toMatchObject({
      data: {
        code: 'PRECONDITION_FAILED',
        reason: 'INVALID_TRANSITION',
        details: { from: 'DELIVERED', to: 'REFUNDED' },
      },
    });
    const byBuyer = await buyer.client.order.byId.query({ id: order.id });
    expect(byBuyer.status).toBe('DELIVERED');
  });

  it('buyers get FORBIDDEN on admin procedures and cannot move their order to PAID', async () => {
    const buyer = await shop.buyer();
    const item = await shop.product();
    const order = await shop.order(buyer, { items: [{ productId: item.id, quantity: 1 }] });
    await expect(
      buyer.client.admin.order.transition.mutate({ id: order.id, to: 'PAID' }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    await expect(buyer.client.admin.order.list.query({})).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
  });

  it('admin.order.list sees every buyer and filters by status', async () => {
    const a = await shop.buyer();
    const b = await shop.buyer();
    const item = await shop.product();
    const oa = await shop.order(a, { items: [{ productId: item.id, quantity: 1 }] });
    const ob = await shop.order(b, { items: [{ productId: item.id, quantity: 1 }] });
    await b.client.order.cancel.mutate({ id: ob.id });
    const cancelled = await shop.admin.admin.order.list.query({ status: 'CANCELLED', limit: 100 });
    expect(cancelled.items.map((o) => o.id)).toContain(ob.id);
    expect(cancelled.items.map((o) => o.id)).not.toContain(oa.id);
    const ofA = await shop.admin.admin.order.list.query({ userId: a.userId });
    expect(ofA.items.map((o) => o.id)).toEqual([oa.id]);
  });

  it('admin.product.upsert creates, updates, and refuses a taken slug', async () => {
    const created = await shop.admin.admin.product.upsert.mutate({
      slug: 'limited-hoodie',
      name: 'Limited hoodie',
      category: 'MERCH',
      priceCents: 5999,
      stock: 3,
    });
    expect(created).toMatchObject({ slug: 'limited-hoodie', active: true, passRequired: false });
    const updated = await shop.admin.admin.product.upsert.mutate({
      id: created.id,
      slug: 'limited-hoodie',
      name: 'Limited hoodie (restock)',
      category: 'MERCH',
      priceCents: 6499,
      stock: 10,
    });
    expect(updated).toMatchObject({ id: created.id, priceCents: 6499, stock: 10 });
    await expect(
      shop.admin.admin.product.upsert.mutate({
        slug: 'limited-hoodie',
        name: 'Impostor',
        category: 'MERCH',
        priceCents: 1,
        stock: 1,
      }),
    ).rejects.toMatchObject({ data: { code: 'CONFLICT', reason: 'PRODUCT_SLUG_TAKEN' } });
  });

  it('a partial update writes only what was sent: a gated, hidden product stays gated', async () => {
    const gated = await shop.admin.admin.product.upsert.mutate({
      slug: 'gated-thing',
      name: 'Gated thing',
      category: 'DEVICE',
      priceCents: 9999,
      stock: 5,
      passRequired: true,
      active: false,
    });
    const renamed = await shop.admin.admin.product.upsert.mutate({
      id: gated.id,
      name: 'Gated thing v2',
    });
    expect(renamed).toMatchObject({
      name: 'Gated thing v2',
      passRequired: true,
      active: false,
      stock: 5,
    });
    // A form loaded before orders took stock cannot overwrite their decrements.
    await expect(
      shop.admin.admin.product.upsert.mutate({ id: gated.id, stock: 50, expectedStock: 4 }),
    ).rejects.toMatchObject({
      data: { code: 'CONFLICT', reason: 'STOCK_CHANGED', details: { stock: 5 } },
    });
    expect(
      (await shop.admin.admin.product.upsert.mutate({ id: gated.id, stock: 50, expectedStock: 5 }))
        .stock,
    ).toBe(50);
    const unchanged = await shop.admin.admin.product.upsert.mutate({ id: gated.id });
    expect(unchanged).toMatchObject({ name: 'Gated thing v2', passRequired: true, stock: 50 });
    await expect(
      shop.admin.admin.product.upsert.mutate({
        id: '00000000-0000-4000-8000-000000000000',
        name: 'x',
      }),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND', reason: 'PRODUCT_NOT_FOUND' } });
  });
});

describe('per-user order limit', () => {
  it('the 3rd order within a minute is refused when the limit is 2', async () => {
    const shop = await openShop({ env: { RATE_LIMIT_ORDER_PER_MIN: '2' } });
    try {
      const buyer = await shop.buyer();
      const item = await shop.product();
      const input = { items: [{ productId: item.id, quantity: 1 }] };
      await shop.order(buyer, input);
      await shop.order(buyer, input);
      await expect(shop.order(buyer, input)).rejects.toMatchObject({
        data: { code: 'TOO_MANY_REQUESTS', reason: 'RATE_LIMITED' },
      });
      // Another buyer from the same IP has their own budget.
      expect((await shop.order(await shop.buyer(), input)).status).toBe('NEW');
    } finally {
      await shop.close();
    }
  });

  it("orders sent with a signed-out token do not spend its owner's budget", async () => {
    const shop = await openShop({ env: { RATE_LIMIT_ORDER_PER_MIN: '2' } });
    try {
      const wallet = await createWallet();
      const signedOut = await signIn(trpcClient(shop.url), wallet);
      const current = await signIn(trpcClient(shop.url), wallet);
      await trpcClient(shop.url, () => signedOut.token).auth.logout.mutate();
      const item = await shop.product();
      const input = {
        items: [{ productId: item.id, quantity: 1 }],
        shippingAddress: shippingTo('US'),
      };
      for (let i = 0; i < 3; i++) {
        await expect(
          trpcClient(shop.url, () => signedOut.token).order.create.mutate(input),
        ).rejects.toMatchObject({ data: { reason: 'TOKEN_REVOKED' } });
      }
      const client = trpcClient(shop.url, () => current.token);
      expect((await client.order.create.mutate(input)).status).toBe('NEW');
      expect((await client.order.create.mutate(input)).status).toBe('NEW');
      await expect(client.order.create.mutate(input)).rejects.toMatchObject({
        data: { reason: 'RATE_LIMITED' },
      });
    } finally {
      await shop.close();
    }
  });
});
