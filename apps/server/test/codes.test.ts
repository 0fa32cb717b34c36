import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceEvents, balances, passCodeUsages, users } from '../src/db/schema';
import { type Buyer, openShop, passCodeUses, type Shop } from './shop';

describe('pass codes', () => {
  let shop: Shop;
  let buyer: Buyer;
  let owner: Buyer;
  let genesis: { id: string };

  beforeAll(async () => {
    shop = await openShop({ transport: 'in-process' });
    buyer = await shop.buyer();
    owner = await shop.buyer();
    genesis = await shop.product({ passRequired: true, stock: 100 });
  });
  afterAll(() => shop.close());

  it('a pass-only product needs a code', async () => {
    await expect(
      shop.order(buyer, { items: [{ productId: genesis.id, quantity: 1 }] }),
    ).rejects.toMatchObject({ data: { reason: 'PASS_CODE_REQUIRED' } });
  });

  it('consumes one use with an audit row, and cancel gives it back', async () => {
    const pass = await shop.admin.admin.passCode.create.mutate({
      ownerId: owner.userId,
      code: 'GENESIS-A-7K2Q',
      maxUses: 2,
    });
    expect(pass).toMatchObject({
      code: 'GENESIS-A-7K2Q',
      currentUses: 0,
      maxUses: 2,
      ownerId: owner.userId,
    });
    const order = await shop.order(buyer, {
      items: [{ productId: genesis.id, quantity: 1 }],
      passCode: 'GENESIS-A-7K2Q',
    });
    expect(order.passCode).toBe('GENESIS-A-7K2Q');
    expect(await passCodeUses(shop, 'GENESIS-A-7K2Q')).toBe(1);
    const usages = await shop.world.db
      .select()
      .from(passCodeUsages)
      .where(eq(passCodeUsages.orderId, order.id));
    expect(usages).toEqual([
      expect.objectContaining({
        code: 'GENESIS-A-7K2Q',
        codeOwnerId: owner.userId,
        codeUserId: buyer.userId,
        releasedAt: null,
      }),
    ]);
    await buyer.client.order.cancel.mutate({ id: order.id });
    expect(await passCodeUses(shop, 'GENESIS-A-7K2Q')).toBe(0);
    const [released] = await shop.world.db
      .select()
      .from(passCodeUsages)
      .where(eq(passCodeUsages.orderId, order.id));
    expect(released?.releasedAt).toBeInstanceOf(Date);
    // The owner sees the code and its uses.
    const mine = await owner.client.code.mine.query();
    expect(mine.passCodes).toEqual([
      expect.objectContaining({ code: 'GENESIS-A-7K2Q', currentUses: 0 }),
    ]);
  });

  it('unknown, exhausted and expired codes are refused with their reason', async () => {
    await expect(
      shop.order(buyer, { items: [{ productId: genesis.id, quantity: 1 }], passCode: 'NOPE-NOPE' }),
    ).rejects.toMatchObject({ data: { reason: 'PASS_CODE_INVALID' } });
    await shop.admin.admin.passCode.create.mutate({
      ownerId: owner.userId,
      code: 'ONE-USE-7K2Q',
      maxUses: 1,
    });
    await shop.order(buyer, {
      items: [{ productId: genesis.id, quantity: 1 }],
      passCode: 'ONE-USE-7K2Q',
    });
    await expect(
      shop.order(buyer, {
        items: [{ productId: genesis.id, quantity: 1 }],
        passCode: 'ONE-USE-7K2Q',
      }),
    ).rejects.toMatchObject({ data: { code: 'CONFLICT', reason: 'PASS_CODE_EXHAUSTED' } });
    await shop.admin.admin.passCode.create.mutate({
      ownerId: owner.userId,
      code: 'SOON-GONE-7K2Q',
      maxUses: 5,
      expiresAt: new Date(shop.world.clock.now().getTime() + 60_000),
    });
    shop.world.clock.advance(120_000);
    await expect(
      shop.order(buyer, {
        items: [{ productId: genesis.id, quantity: 1 }],
        passCode: 'SOON-GONE-7K2Q',
      }),
    ).rejects.toMatchObject({ data: { reason: 'PASS_CODE_EXPIRED' } });
    expect(await passCodeUses(shop, 'SOON-GONE-7K2Q')).toBe(0);
  });

  it('admin.passCode.create refuses a duplicate code and an unknown owner', async () => {
    await shop.admin.admin.passCode.create.mutate({
      ownerId: owner.userId,
      code: 'DUP-CODE-7K2Q',
      maxUses: 1,
    });
    await expect(
      shop.admin.admin.passCode.create.mutate({
        ownerId: owner.userId,
        code: 'DUP-CODE-7K2Q',
        maxUses: 1,
      }),
    ).rejects.toMatchObject({ data: { code: 'CONFLICT', reason: 'PASS_CODE_TAKEN' } });
    await expect(
      shop.admin.admin.passCode.create.mutate({
        ownerId: '00000000-0000-4000-8000-000000000000',
        maxUses: 1,
      }),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND', reason: 'USER_NOT_FOUND' } });
    const generated = await shop.admin.admin.passCode.create.mutate({
      ownerId: owner.userId,
      maxUses: 3,
    });
    expect(generated.code).toMatch(/^[1-9A-HJ-NP-Za-km-z]{10,14}$/);
  });
});

describe('referral codes and rewards', () => {
  let shop: Shop;

  beforeAll(async () => {
    shop = await openShop({ transport: 'in-process', env: { MAX_REFERRAL_USES: '2' } });
  });
  afterAll(() => shop.close());

  it('a buyer cannot use their own referral code', async () => {
    const buyer = await shop.buyer();
    const item = await shop.product();
    await expect(
      shop.order(buyer, {
        items: [{ productId: item.id, quantity: 1 }],
        referralCode: buyer.referralCode,
      }),
    ).rejects.toMatchObject({ data: { code: 'PRECONDITION_FAILED', reason: 'SELF_REFERRAL' } });
    await expect(
      shop.order(buyer, { items: [{ productId: item.id, quantity: 1 }], referralCode: 'ZZZZZZZZ' }),
    ).rejects.toMatchObject({ data: { reason: 'REFERRAL_CODE_INVALID' } });
  });

  it('discounts 5 %, counts the use, rewards the owner once on CONFIRMED, and stops at the max', async () => {
    const referrer = await shop.buyer();
    const buyer = await shop.buyer();
    const item = await shop.product({ priceCents: 1999 });
    const order = await shop.order(buyer, {
      items: [{ productId: item.id, quantity: 1 }],
      referralCode: referrer.referralCode.toLowerCase(),
    });
    expect(order).toMatchObject({ subtotalCents: 1999, discountCents: 99, totalCents: 1900 });
    expect(order.referralCode).toBe(referrer.referralCode);
    expect((await referrer.client.code.mine.query()).referralUses).toBe(1);

    await shop.admin.admin.order.transition.mutate({ id: order.id, to: 'PAID' });
    await shop.admin.admin.order.transition.mutate({ id: order.id, to: 'CONFIRMED' });
    const me = await referrer.client.auth.me.query();
    expect(me.balance.points).toBe(95); // 5 % of 1900
    const events = await shop.world.db
      .select()
      .from(balanceEvents)
      .where(eq(balanceEvents.userId, referrer.userId));
    expect(events).toEqual([expect.objectContaining({ delta: 95, orderId: order.id })]);

    await shop.order(buyer, {
      items: [{ productId: item.id, quantity: 1 }],
      referralCode: referrer.referralCode,
    });
    await expect(
      shop.order(buyer, {
        items: [{ productId: item.id, quantity: 1 }],
        referralCode: referrer.referralCode,
      }),
    ).rejects.toMatchObject({ data: { reason: 'REFERRAL_CODE_EXHAUSTED' } });
    const [row] = await shop.world.db
      .select({ uses: users.referralUses })
      .from(users)
      .where(eq(users.id, referrer.userId));
    expect(row?.uses).toBe(2);
    const [balance] = await shop.world.db
      .select()
      .from(balances)
      .where(eq(balances.userId, referrer.userId));
    expect(balance?.points).toBe(95);
  });
});
