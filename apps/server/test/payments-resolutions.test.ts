import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPaymentShop, type PaymentShop, USDC } from './payment-shop';
import { sendRefund } from './refund-chain';

// Findings 3, 4, 5, 6, 8, 10 and 11 of the money review, each over HTTP against the fake RPC.
describe('payment resolutions that settle, and what the buyer sees', () => {
  let p: PaymentShop;

  beforeAll(async () => {
    p = await openPaymentShop();
  });
  afterAll(() => p.close());

  const review = async () =>
    (await p.shop.admin.admin.payment.needsReview.query({ limit: 100 })).items;
  const itemOf = async (orderId: string) => (await review()).find((i) => i.order.id === orderId);
  const failure = async (work: Promise<unknown>) => {
    const err = await work.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TRPCClientError);
    return err as { data: { code: string; reason?: string; zodError?: unknown } };
  };
  const resolve = (
    input: Parameters<PaymentShop['shop']['admin']['admin']['payment']['resolve']['mutate']>[0],
  ) => p.shop.admin.admin.payment.resolve.mutate(input);

  it('finding 3: refunding a 99% underpayment cancels the order, releases its stock, and the last 1% is late money', async () => {
    const order = await p.newOrder(10_000, 5);
    expect(await p.stockOf(order.productId)).toBe(4);
    p.pay(order, USDC(9_900));
    await p.tick();
    const item = await itemOf(order.id);
    expect(item?.status).toBe('underpaid');

    const refund = sendRefund(p, USDC(9_900));
    const resolved = await resolve({
      id: item?.id ?? '',
      resolution: 'refunded',
      note: 'buyer flagged as fraud; money sent back',
      refundSignature: refund,
    });
    expect(resolved.order.status).toBe('CANCELLED');
    expect(resolved.resolutions[0]).toMatchObject({ refundBaseUnits: USDC(9_900) });
    expect(await p.stockOf(order.productId)).toBe(5);

    // The buyer now sends the missing 1%: it pays nothing, it is late money for review.
    p.pay(order, USDC(100));
    await p.tick();
    expect((await p.reload(order.id)).status).toBe('CANCELLED');
    const late = await itemOf(order.id);
    expect(late).toMatchObject({ status: 'late', receivedBaseUnits: USDC(10_000) });
    expect(late?.transfers).toHaveLength(2);
  });

  it('finding 4: accepting a short payment settles it PAID at once, then CONFIRMED at finality; expiry cannot touch it', async () => {
    const order = await p.newOrder(2_000, 5);
    const signature = p.pay(order, USDC(1_990));
    await p.tick();
    const item = await itemOf(order.id);
    const accepted = await resolve({
      id: item?.id ?? '',
      resolution: 'accepted',
      note: 'short by a fee; we keep the order',
    });
    expect(accepted.order.status).toBe('PAID');
    expect((await p.reload(order.id)).history.at(-1)?.message).toBe(
      'Payment of 19.90 USDC accepted; the order is paid',
    );
    // Past its payment window, the expiry job has nothing to expire.
    await p.later(31 * 60_000, () => p.tick());
    expect((await p.reload(order.id)).status).toBe('PAID');
    expect(await p.stockOf(order.productId)).toBe(4);
    p.rpc.setStatus(signature, 'finalized');
    await p.tick();
    expect((await p.reload(order.id)).status).toBe('CONFIRMED');
    expect(await itemOf(order.id)).toBeUndefined();
  });

  it('finding 5: returning the change leaves a CONFIRMED order and its referral reward alone, and it can ship', async () => {
    const referrer = await p.shop.buyer();
    const product = await p.shop.product({ priceCents: 2_000 });
    const order = await p.shop.order(p.buyer, {
      items: [{ productId: product.id, quantity: 1 }],
      referralCode: referrer.referralCode,
    });
    const signature = p.pay(order, USDC(order.totalCents) + USDC(300));
    await p.tick();
    p.rpc.setStatus(signature, 'finalized');
    await p.tick();
    expect((await p.reload(order.id)).status).toBe('CONFIRMED');
    const points = (await referrer.client.auth.me.query()).balance.points;
    expect(points).toBeGreaterThan(0);
    const item = await itemOf(order.id);
    expect(item).toMatchObject({ status: 'overpaid', overpaidBaseUnits: USDC(300) });

    // More than the surplus is not change: refused, nothing written.
    const tooMuch = await failure(
      resolve({
        id: item?.id ?? '',
        resolution: 'change_returned',
        note: 'change',
        refundSignature: sendRefund(p, USDC(301)),
      }),
    );
    expect(tooMuch.data).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'REFUND_TOO_LARGE' });
    // Returned change names its transaction.
    const unnamed = await failure(
      resolve({ id: item?.id ?? '', resolution: 'change_returned', note: 'change' }),
    );
    expect(unnamed.data.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(unnamed.data.zodError)).toContain('refundSignature');

    const change = sendRefund(p, USDC(300));
    const resolved = await resolve({
      id: item?.id ?? '',
      resolution: 'change_returned',
      note: 'surplus sent back',
      refundSignature: change,
    });
    expect(resolved.order.status).toBe('CONFIRMED');
    expect(resolved.resolutions).toEqual([
      expect.objectContaining({ resolution: 'change_returned', refundBaseUnits: USDC(300) }),
    ]);
    expect((await referrer.client.auth.me.query()).balance.points).toBe(points);
    expect(await itemOf(order.id)).toBeUndefined();
    await p.shop.admin.admin.order.transition.mutate({ id: order.id, to: 'PROCESSING' });
    const shipped = await p.shop.admin.admin.order.transition.mutate({
      id: order.id,
      to: 'SHIPPED',
      trackingNumber: 'TRACK-1',
    });
    expect(shipped.status).toBe('SHIPPED');
  });

  it('finding 5: change cannot be "returned" on an item with no surplus', async () => {
    const order = await p.newOrder(1_500);
    p.pay(order, USDC(1_000));
    await p.tick();
    const item = await itemOf(order.id);
    const refused = await failure(
      resolve({
        id: item?.id ?? '',
        resolution: 'change_returned',
        note: 'change',
        refundSignature: sendRefund(p, USDC(1)),
      }),
    );
    expect(refused.data).toMatchObject({ reason: 'NO_CHANGE_TO_RETURN' });
    expect((await itemOf(order.id))?.resolutions).toEqual([]);
  });

  it('finding 6: dust opens no item, twenty 1-unit transfers open none, and a dismissed item does not reopen for dust', async () => {
    const dusty = await p.newOrder(1_000);
    p.pay(dusty, USDC(1_000) + 9_999n);
    await p.tick();
    expect((await p.reload(dusty.id)).status).toBe('PAID');
    expect(await itemOf(dusty.id)).toBeUndefined();
    for (let i = 0; i < 20; i++) p.pay(dusty, 1n);
    await p.tick();
    await p.tick();
    expect(await itemOf(dusty.id)).toBeUndefined();
    // Recorded all the same: the buyer's order shows every unit that arrived.
    expect((await p.reload(dusty.id)).payment.status).toBe('seen');

    const over = await p.newOrder(1_000);
    p.pay(over, USDC(1_050));
    await p.tick();
    const item = await itemOf(over.id);
    expect(item).toMatchObject({
      receivedBaseUnits: USDC(1_050),
      expectedBaseUnits: USDC(1_000),
      overpaidBaseUnits: USDC(50),
    });
    await resolve({ id: item?.id ?? '', resolution: 'dismissed', note: 'buyer keeps it as a tip' });
    for (let i = 0; i < 5; i++) p.pay(over, 1n);
    await p.tick();
    expect(await itemOf(over.id)).toBeUndefined();
    // Real money reopens the one item, with the running totals.
    p.pay(over, USDC(200));
    await p.tick();
    const reopened = (await review()).filter((i) => i.order.id === over.id);
    expect(reopened).toHaveLength(1);
    expect(reopened[0]).toMatchObject({
      receivedBaseUnits: USDC(1_250) + 5n,
      overpaidBaseUnits: USDC(250) + 5n,
    });
  });

  it('finding 8: a refund signature must be a real, unused, successful transfer out of the merchant account', async () => {
    const order = await p.newOrder(3_000);
    const paid = p.pay(order, USDC(2_000));
    await p.tick();
    const item = await itemOf(order.id);
    const refuse = async (refundSignature: string) =>
      (
        await failure(
          resolve({ id: item?.id ?? '', resolution: 'refunded', note: 'refund', refundSignature }),
        )
      ).data;

    // A made-up signature (well-formed, unknown to the chain).
    expect(await refuse('5'.repeat(87))).toMatchObject({ reason: 'REFUND_NOT_FOUND' });
    // Money coming IN (the buyer's own payment) is not a refund.
    expect(await refuse(paid)).toMatchObject({ reason: 'REFUND_NOT_FOUND' });
    // A failed transaction moved nothing.
    expect(await refuse(sendRefund(p, USDC(2_000), { failed: true }))).toMatchObject({
      reason: 'REFUND_NOT_FOUND',
    });
    // More than the buyer sent.
    expect(await refuse(sendRefund(p, USDC(2_001)))).toMatchObject({ reason: 'REFUND_TOO_LARGE' });
    expect((await itemOf(order.id))?.resolutions).toEqual([]);
    expect((await p.reload(order.id)).status).toBe('NEW');

    const refund = sendRefund(p, USDC(2_000));
    await resolve({
      id: item?.id ?? '',
      resolution: 'refunded',
      note: 'refund',
      refundSignature: refund,
    });

    // One transaction closes one item, never two.
    const other = await p.newOrder(3_000);
    p.pay(other, USDC(2_000));
    await p.tick();
    const otherItem = await itemOf(other.id);
    const reused = await failure(
      resolve({
        id: otherItem?.id ?? '',
        resolution: 'refunded',
        note: 'refund',
        refundSignature: refund,
      }),
    );
    expect(reused.data).toMatchObject({ code: 'CONFLICT', reason: 'REFUND_SIGNATURE_USED' });
    expect((await p.reload(other.id)).status).toBe('NEW');
  });

  it('finding 10: a buyer cannot cancel an order money has arrived for', async () => {
    const order = await p.newOrder(1_000, 5);
    p.pay(order, USDC(400));
    await p.tick();
    const refused = await failure(p.buyer.client.order.cancel.mutate({ id: order.id }));
    expect(refused.data).toMatchObject({
      code: 'PRECONDITION_FAILED',
      reason: 'ORDER_HAS_PAYMENT',
    });
    expect((await p.reload(order.id)).status).toBe('NEW');
    expect(await p.stockOf(order.productId)).toBe(4);
    // Without money it cancels as before.
    const unpaid = await p.newOrder(1_000, 5);
    expect((await p.buyer.client.order.cancel.mutate({ id: unpaid.id })).status).toBe('CANCELLED');
  });

  it('finding 11: admin notes stay with admins; the buyer sees state, time and a message', async () => {
    const order = await p.newOrder(1_234);
    p.pay(order, USDC(1_000));
    await p.tick();
    const item = await itemOf(order.id);
    await resolve({
      id: item?.id ?? '',
      resolution: 'refunded',
      note: 'buyer flagged as fraud',
      refundSignature: sendRefund(p, USDC(1_000)),
    });
    const mine = await p.reload(order.id);
    const last = mine.history.at(-1);
    expect(last).toMatchObject({
      to: 'CANCELLED',
      note: null,
      message: 'Refunded 10.00 USDC; the order is cancelled',
    });
    expect(JSON.stringify(mine)).not.toContain('fraud');
    const listed = await p.buyer.client.order.list.query({});
    expect(JSON.stringify(listed)).not.toContain('fraud');

    const admin = await p.shop.admin.admin.order.list.query({ userId: p.buyer.userId });
    const seen = admin.items.find((o) => o.id === order.id);
    expect(seen?.history.at(-1)).toMatchObject({
      note: 'buyer flagged as fraud',
      message: 'Refunded 10.00 USDC; the order is cancelled',
    });

    // A note on an admin's own move is admin-only too.
    const other = await p.newOrder(900);
    await p.shop.admin.admin.order.transition.mutate({
      id: other.id,
      to: 'CANCELLED',
      note: 'suspicious address, internal only',
    });
    const theirs = await p.reload(other.id);
    expect(theirs.history.at(-1)).toMatchObject({ note: null, message: 'Order cancelled' });
  });
});
