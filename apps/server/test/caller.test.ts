import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessClient } from './caller';
import { trpcClient } from './http';
import { openShop, type Shop } from './shop';

/** Rule tests may use the in-process client only because it answers exactly like HTTP. */
describe('the in-process client', () => {
  let shop: Shop;

  beforeAll(async () => {
    shop = await openShop();
    await shop.product();
  });
  afterAll(() => shop.close());

  async function failure(call: Promise<unknown>) {
    try {
      await call;
    } catch (err) {
      return { message: (err as Error).message, data: (err as { data: unknown }).data };
    }
    throw new Error('expected the call to fail');
  }

  it('returns what the HTTP client returns', async () => {
    const overHttp = await trpcClient(shop.url).product.list.query({ limit: 5 });
    const inProcess = await inProcessClient(shop.world).product.list.query({ limit: 5 });
    expect(inProcess).toEqual(overHttp);
  });

  it('fails with the same message, code, reason and issues as HTTP', async () => {
    const http = trpcClient(shop.url, () => shop.adminToken);
    const local = inProcessClient(shop.world, shop.adminToken);
    const missing = { id: '00000000-0000-4000-8000-000000000000' };
    const pairs: Array<[() => Promise<unknown>, () => Promise<unknown>]> = [
      [() => http.order.byId.query(missing), () => local.order.byId.query(missing)],
      [() => http.product.list.query({ limit: 0 }), () => local.product.list.query({ limit: 0 })],
      [
        () => trpcClient(shop.url).auth.me.query(),
        () => inProcessClient(shop.world).auth.me.query(),
      ],
    ];
    for (const [overHttp, inProcess] of pairs) {
      const expected = await failure(overHttp());
      expect(await failure(inProcess())).toEqual(expected);
    }
    expect((await failure(local.order.byId.query(missing))).data).toMatchObject({
      code: 'NOT_FOUND',
      reason: 'ORDER_NOT_FOUND',
    });
  });
});
