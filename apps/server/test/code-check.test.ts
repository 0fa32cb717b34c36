import { afterEach, describe, expect, it } from 'vitest';
import { type Buyer, openShop, passCodeUses, type Shop } from './shop';

/**
 * `code.check` lets the checkout show every wrong code at once: `order.create` stops at the first
 * code it cannot take, so a wrong pass code hides a wrong referral code until the next attempt.
 */
describe('code.check', () => {
  let shop: Shop;
  afterEach(() => shop.close());

  async function passCode(owner: Buyer, code: string, fields: { maxUses?: number } = {}) {
    return shop.admin.admin.passCode.create.mutate({
      ownerId: owner.userId,
      code,
      maxUses: fields.maxUses ?? 5,
    });
  }

  it('reports a wrong pass code and a wrong referral code together, where order.create names one', async () => {
    shop = await openShop({ transport: 'in-process' });
    const buyer = await shop.buyer();
    const gated = await shop.product({ passRequired: true });
    await expect(
      shop.order(buyer, {
        items: [{ productId: gated.id, quantity: 1 }],
        passCode: 'NOT-A-REAL-CODE',
        referralCode: 'ZZZZZZZZ',
      }),
    ).rejects.toMatchObject({ data: { reason: 'PASS_CODE_INVALID' } });
    await expect(
      buyer.client.code.check.query({ passCode: 'NOT-A-REAL-CODE', referralCode: 'ZZZZZZZZ' }),
    ).resolves.toEqual({
      passCode: { accepted: false, refusal: 'PASS_CODE_INVALID' },
      referralCode: { accepted: false, refusal: 'REFERRAL_CODE_INVALID', discountBps: null },
    });
  });

  it('gives each refusal order.create would give, and takes no use', async () => {
    shop = await openShop({ transport: 'in-process', env: { MAX_REFERRAL_USES: '1' } });
    const buyer = await shop.buyer();
    const owner = await shop.buyer();
    await passCode(owner, 'ONE-USE-7K2QX', { maxUses: 1 });
    await shop.admin.admin.passCode.create.mutate({
      ownerId: owner.userId,
      code: 'SOON-GONE-7K2QX',
      maxUses: 5,
      expiresAt: new Date(shop.world.clock.now().getTime() + 60_000),
    });
    const item = await shop.product();
    await shop.order(buyer, {
      items: [{ productId: item.id, quantity: 1 }],
      passCode: 'ONE-USE-7K2QX',
      referralCode: owner.referralCode,
    });
    shop.world.clock.advance(120_000);

    const check = (input: { passCode?: string; referralCode?: string }) =>
      buyer.client.code.check.query(input);
    expect((await check({ passCode: 'ONE-USE-7K2QX' })).passCode?.refusal).toBe(
      'PASS_CODE_EXHAUSTED',
    );
    expect((await check({ passCode: 'SOON-GONE-7K2QX' })).passCode?.refusal).toBe(
      'PASS_CODE_EXPIRED',
    );
    expect((await check({ referralCode: owner.referralCode })).referralCode?.refusal).toBe(
      'REFERRAL_CODE_EXHAUSTED',
    );
    expect((await check({ referralCode: buyer.referralCode })).referralCode?.refusal).toBe(
      'SELF_REFERRAL',
    );
    // Only a code was asked about: the other verdict is null, and nothing was used up.
    expect(await check({ passCode: 'SOON-GONE-7K2QX' })).toMatchObject({ referralCode: null });
    expect(await passCodeUses(shop, 'SOON-GONE-7K2QX')).toBe(0);
  });

  it("accepts good codes, with the shop's referral discount (REFERRAL_DISCOUNT_BPS)", async () => {
    shop = await openShop({ transport: 'in-process', env: { REFERRAL_DISCOUNT_BPS: '750' } });
    const buyer = await shop.buyer();
    const owner = await shop.buyer();
    await passCode(owner, 'GOOD-CODE-7K2QX');
    await expect(
      buyer.client.code.check.query({
        passCode: 'GOOD-CODE-7K2QX',
        referralCode: owner.referralCode.toLowerCase(),
      }),
    ).resolves.toEqual({
      passCode: { accepted: true, refusal: null },
      referralCode: { accepted: true, refusal: null, discountBps: 750 },
    });
    expect(await passCodeUses(shop, 'GOOD-CODE-7K2QX')).toBe(0);
  });

  it('counts wrong codes against the code-guessing budget, and right ones not', async () => {
    shop = await openShop({ env: { RATE_LIMIT_CODE_FAILURES_PER_HOUR: '2' } });
    const buyer = await shop.buyer();
    const owner = await shop.buyer();
    await passCode(owner, 'REAL-CODE-7K2QX');
    for (let i = 0; i < 4; i++) {
      const ok = await buyer.client.code.check.query({ passCode: 'REAL-CODE-7K2QX' });
      expect(ok.passCode?.accepted).toBe(true);
    }
    for (let i = 0; i < 2; i++) {
      const wrong = await buyer.client.code.check.query({ passCode: `WRONG-${i}-GUESS` });
      expect(wrong.passCode?.refusal).toBe('PASS_CODE_INVALID');
    }
    // The budget is the one orders with codes use: guessing here cannot dodge it.
    await expect(
      buyer.client.code.check.query({ passCode: 'REAL-CODE-7K2QX' }),
    ).rejects.toMatchObject({ data: { code: 'TOO_MANY_REQUESTS', reason: 'RATE_LIMITED' } });
    const item = await shop.product({ passRequired: true });
    await expect(
      shop.order(buyer, {
        items: [{ productId: item.id, quantity: 1 }],
        passCode: 'REAL-CODE-7K2QX',
      }),
    ).rejects.toMatchObject({ data: { reason: 'RATE_LIMITED' } });
  });

  it('needs a signed-in caller and at least one well-formed code', async () => {
    shop = await openShop();
    const buyer = await shop.buyer();
    await expect(buyer.client.code.check.query({})).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST', reason: 'VALIDATION_FAILED' },
    });
    await expect(buyer.client.code.check.query({ referralCode: 'O0O0O0O0' })).rejects.toMatchObject(
      {
        data: {
          code: 'BAD_REQUEST',
          issues: [expect.objectContaining({ path: ['referralCode'] })],
        },
      },
    );
    const res = await fetch(
      `${shop.url}/trpc/code.check?input=${encodeURIComponent(JSON.stringify({ json: { passCode: 'ABCDEFGH' } }))}`,
    );
    expect(res.status).toBe(401);
  });
});

describe('admin.user.byAddress', () => {
  let shop: Shop;
  afterEach(() => shop.close());

  it('finds the user who signed in with a wallet; admins only', async () => {
    shop = await openShop();
    const buyer = await shop.buyer();
    await expect(
      shop.admin.admin.user.byAddress.query({ address: buyer.address }),
    ).resolves.toMatchObject({ id: buyer.userId, address: buyer.address, role: 'buyer' });
    const stranger = '11111111111111111111111111111112';
    await expect(
      shop.admin.admin.user.byAddress.query({ address: stranger }),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND', reason: 'USER_NOT_FOUND' } });
    await expect(
      shop.admin.admin.user.byAddress.query({ address: 'not-an-address' }),
    ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST', reason: 'VALIDATION_FAILED' } });
    await expect(
      buyer.client.admin.user.byAddress.query({ address: buyer.address }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
  });
});
