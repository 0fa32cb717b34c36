import { TRPCClientError } from '@trpc/client';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceEvents } from '../src/db/schema';
import { openPaymentShop, type PaymentShop, USDC } from './payment-shop';
import { sendRefund } from './refund-chain';

const REFUND_SIGNATURE = '5'.repeat(87);

describe('admin.payment.resolve (finding 6)', () => {
  let p: PaymentShop;

  beforeAll(async () => {
    p = await openPaymentShop();
  });
  afterAll(() => p.close());

  const review = async () =>
    (await p.shop.admin.admin.payment.needsReview.query({ limit: 100 })).items;
  const failure = async (work: Promise<unknown>) => {
    const err = await work.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TRPCClientError);
    return err as { data: { code: string; reason?: string; zodError?: unknown } };
  };

  it('a refunded overpaid, CONFIRMED order moves to REFUNDED and takes its referral reward back once', async () => {
    const referrer = await p.shop.buyer();
    const product = await p.shop.product({ priceCents: 2000 });
    const order = await p.shop.order(p.buyer, {
      items: [{ productId: product.id, quantity: 1 }],
      referralCode: referrer.referralCode,
    });
    const signature = p.pay(order, USDC(order.totalCents) + USDC(5));
    await p.tick();
    p.rpc.setStatus(signature, 'finalized');
    await p.tick();
    expect((await p.reload(order.id)).status).toBe('CONFIRMED');
    expect((await referrer.client.auth.me.query()).balance.points).toBe(95);

    const item = (await review()).find((i) => i.order.id === order.id);
    expect(item?.status).toBe('overpaid');
    const refund = sendRefund(p, USDC(order.totalCents) + USDC(5));
    const resolved = await p.shop.admin.admin.payment.resolve.mutate({
      id: item?.id ?? '',
      resolution: 'refunded',
      note: 'buyer asked to cancel; full amount returned',
      refundSignature: refund,
    });
    expect(resolved.order.status).toBe('REFUNDED');
    expect(resolved.reviewedAt).not.toBeNull();
    expect(resolved.resolutions).toEqual([
      expect.objectContaining({
        resolution: 'refunded',
        note: 'buyer asked to cancel; full amount returned',
        refundSignature: refund,
        adminId: p.shop.adminId,
      }),
    ]);
    expect((await review()).some((i) => i.order.id === order.id)).toBe(false);
    expect((await referrer.client.auth.me.query()).balance.points).toBe(0);
    const reversal = await p.shop.world.db
      .select()
      .from(balanceEvents)
      .where(
        and(
          eq(balanceEvents.orderId, order.id),
          eq(balanceEvents.reason, 'referral_reward_reversal'),
        ),
      );
    expect(reversal.map((e) => e.delta)).toEqual([-95]);

    // Closed items cannot be resolved again (no second reversal).
    const again = await failure(
      p.shop.admin.admin.payment.resolve.mutate({
        id: item?.id ?? '',
        resolution: 'refunded',
        note: 'again',
      }),
    );
    expect(again.data).toMatchObject({
      code: 'PRECONDITION_FAILED',
      reason: 'PAYMENT_NOT_IN_REVIEW',
    });
    expect((await referrer.client.auth.me.query()).balance.points).toBe(0);
  });

  it('the same decision sent again (a retry after a lost answer) converges: one resolution, one refund', async () => {
    const referrer = await p.shop.buyer();
    const product = await p.shop.product({ priceCents: 1500 });
    const order = await p.shop.order(p.buyer, {
      items: [{ productId: product.id, quantity: 1 }],
      referralCode: referrer.referralCode,
    });
    const signature = p.pay(order, USDC(order.totalCents) + USDC(5));
    await p.tick();
    p.rpc.setStatus(signature, 'finalized');
    await p.tick();
    const item = (await review()).find((i) => i.order.id === order.id);
    const decision = {
      id: item?.id ?? '',
      resolution: 'refunded' as const,
      note: 'returned in full',
      refundSignature: sendRefund(p, USDC(order.totalCents) + USDC(5)),
    };
    const first = await p.shop.admin.admin.payment.resolve.mutate(decision);
    const retry = await p.shop.admin.admin.payment.resolve.mutate(decision);
    expect(retry.order.status).toBe('REFUNDED');
    expect(retry.resolutions).toEqual(first.resolutions);
    expect(retry.resolutions).toHaveLength(1);
    expect((await referrer.client.auth.me.query()).balance.points).toBe(0);
    // Another decision on the closed item is still refused.
    const other = await failure(
      p.shop.admin.admin.payment.resolve.mutate({
        id: decision.id,
        resolution: 'dismissed',
        note: 'returned again',
      }),
    );
    expect(other.data.reason).toBe('PAYMENT_NOT_IN_REVIEW');
  });

  it('a late payment is refunded without touching its order; new money reopens the item', async () => {
    const order = await p.newOrder(1200);
    await p.buyer.client.order.cancel.mutate({ id: order.id });
    p.pay(order, USDC(1200));
    await p.tick();
    const item = (await review()).find((i) => i.order.id === order.id);
    expect(item).toMatchObject({ status: 'late', transfers: [expect.anything()] });
    await p.shop.admin.admin.payment.resolve.mutate({
      id: item?.id ?? '',
      resolution: 'refunded',
      note: 'returned to the sender',
      refundSignature: sendRefund(p, USDC(1200)),
    });
    expect((await p.reload(order.id)).status).toBe('CANCELLED');
    expect((await review()).some((i) => i.order.id === order.id)).toBe(false);

    p.pay(order, USDC(100));
    await p.tick();
    const reopened = (await review()).find((i) => i.order.id === order.id);
    expect(reopened?.transfers).toHaveLength(2);
    expect(reopened?.resolutions).toHaveLength(1);
  });

  it('refuses bad input with issue paths, unknown ids, and callers who are not admins', async () => {
    const order = await p.newOrder(1250);
    p.pay(order, USDC(1000));
    await p.tick();
    const item = (await review()).find((i) => i.order.id === order.id);
    const bad = await failure(
      p.shop.admin.admin.payment.resolve.mutate({
        id: item?.id ?? '',
        resolution: 'dismissed',
        note: 'x',
        refundSignature: REFUND_SIGNATURE,
      }),
    );
    expect(bad.data.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(bad.data.zodError)).toContain('refundSignature');
    const missing = await failure(
      p.shop.admin.admin.payment.resolve.mutate({
        id: '00000000-0000-4000-8000-000000000000',
        resolution: 'dismissed',
        note: 'x',
      }),
    );
    expect(missing.data).toMatchObject({ code: 'NOT_FOUND', reason: 'PAYMENT_NOT_FOUND' });
    const buyer = await failure(
      p.buyer.client.admin.payment.resolve.mutate({
        id: item?.id ?? '',
        resolution: 'dismissed',
        note: 'x',
      }),
    );
    expect(buyer.data.code).toBe('FORBIDDEN');
    // Nothing was written by the refusals: the item is still open.
    expect((await review()).find((i) => i.order.id === order.id)?.resolutions).toEqual([]);
    const accepted = await p.shop.admin.admin.payment.resolve.mutate({
      id: item?.id ?? '',
      resolution: 'accepted',
      note: 'short by a fee; we keep the order',
    });
    // Accepting a short payment settles the order (it used to stay NEW and then expire).
    expect(accepted.order.status).toBe('PAID');
    expect((await review()).some((i) => i.order.id === order.id)).toBe(false);
  });
});
