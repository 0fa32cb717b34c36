import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Buyer, openShop, type Shop } from './shop';

type PageBody = { result: { data: { json: { items: unknown[]; nextCursor: string | null } } } };

/** A GET with no `?input=` at all, the way a person tries the API with curl. */
async function getWithoutInput(shop: Shop, path: string, token?: string) {
  const res = await fetch(`${shop.url}/trpc/${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, body: (await res.json()) as PageBody };
}

describe('list procedures called with no input', () => {
  let shop: Shop;
  let buyer: Buyer;
  let orderId: string;

  beforeAll(async () => {
    shop = await openShop();
    const product = await shop.product();
    buyer = await shop.buyer();
    orderId = (await shop.order(buyer, { items: [{ productId: product.id, quantity: 1 }] })).id;
  });
  afterAll(() => shop.close());

  it('answer the first page over HTTP', async () => {
    const cases: Array<[string, string | undefined, number]> = [
      ['product.list', undefined, 1],
      ['order.list', buyer.token, 1],
      ['admin.order.list', shop.adminToken, 1],
      ['admin.payment.needsReview', shop.adminToken, 0],
      ['admin.product.list', shop.adminToken, 1],
    ];
    for (const [path, token, count] of cases) {
      const { status, body } = await getWithoutInput(shop, path, token);
      expect(status, path).toBe(200);
      expect(body.result.data.json.items, path).toHaveLength(count);
      expect(body.result.data.json.nextCursor, path).toBeNull();
    }
  });

  it('answer through the typed client called with no argument', async () => {
    expect((await shop.admin.product.list.query()).items).toHaveLength(1);
    expect((await buyer.client.order.list.query()).items.map((o) => o.id)).toEqual([orderId]);
    expect((await shop.admin.admin.order.list.query()).items.map((o) => o.id)).toEqual([orderId]);
    expect((await shop.admin.admin.payment.needsReview.query()).items).toEqual([]);
    expect((await shop.admin.admin.product.list.query()).items).toHaveLength(1);
  });
});
