import { DEFAULT_PAYMENT_DUST_BASE_UNITS, VAPE_ELIGIBLE_COUNTRIES } from '@puffy/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trpcClient } from './http';
import { createWorld, type World } from './world';

describe('shop.settings', () => {
  let world: World;
  let configured: World;

  beforeAll(async () => {
    world = await createWorld();
    configured = await createWorld({
      env: {
        REFERRAL_DISCOUNT_BPS: '1234',
        ORDER_PAYMENT_WINDOW_MINUTES: '45',
        MAX_OPEN_ORDERS_PER_USER: '7',
        TRPC_MAX_BATCH_SIZE: '4',
      },
    });
  });
  afterAll(async () => {
    await world.close();
    await configured.close();
  });

  it('tells anyone the defaults the shop runs with', async () => {
    const { url } = await world.listen();
    const settings = await trpcClient(url).shop.settings.query();
    expect(settings).toMatchObject({
      referralDiscountBps: 500,
      paymentWindowMinutes: 30,
      maxOpenOrdersPerUser: 3,
      paymentDustBaseUnits: DEFAULT_PAYMENT_DUST_BASE_UNITS,
      cluster: 'devnet',
      usdcMint: '4zMMC9srt5Ri5X14GAgXhaHii3GnPAEERYPJgZJDncDU',
      maxBatchSize: 10,
    });
    expect(settings.vapeCountries).toEqual([...VAPE_ELIGIBLE_COUNTRIES]);
    expect(settings.shippingCountries).toContain('DE');
  });

  it('reports what the server is configured with, not copies of the defaults', async () => {
    const { url } = await configured.listen();
    const settings = await trpcClient(url).shop.settings.query();
    expect(settings).toMatchObject({
      referralDiscountBps: 1234,
      paymentWindowMinutes: 45,
      maxOpenOrdersPerUser: 7,
      maxBatchSize: 4,
    });
  });
});
