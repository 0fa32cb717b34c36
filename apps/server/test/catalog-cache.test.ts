import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { products } from '../src/db/schema';
import { openShop, type Shop } from './shop';
import { createWorld, type World } from './world';

const ORIGIN = 'http://shop.test';
const input = (value: unknown) => `?input=${encodeURIComponent(JSON.stringify(value))}`;

/** Everything a client can tell about an answer. */
async function answer(base: string, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, { headers: { origin: ORIGIN, ...headers } });
  const pick = (name: string) => res.headers.get(name);
  return {
    status: res.status,
    type: pick('content-type'),
    vary: pick('vary'),
    cacheControl: pick('cache-control'),
    etag: pick('etag'),
    allowOrigin: pick('access-control-allow-origin'),
    allowCredentials: pick('access-control-allow-credentials'),
    length: pick('content-length'),
    body: await res.text(),
  };
}

/**
 * An answer from memory must be exactly what tRPC's own handler sent for the same request: the
 * first request of each pair is answered by tRPC (a miss), the second from memory.
 */
describe('catalog answers from memory answer exactly like tRPC', () => {
  let shop: Shop;
  let productId: string;

  beforeAll(async () => {
    shop = await openShop();
    productId = (await shop.product()).id;
    await shop.product({ category: 'VAPE' });
  });
  afterAll(() => shop.close());

  it('agrees on successes and failures, and keeps only what succeeded', async () => {
    const cases = [
      `/trpc/product.list${input({ json: { limit: 3 } })}`,
      '/trpc/product.list',
      `/trpc/product.list${input({ json: { offset: -1 } })}`,
      `/trpc/product.list${input({ json: { cursor: 'forged' } })}`,
      '/trpc/product.list?input=%7Bnot-json',
      `/trpc/product.byId${input({ json: { id: productId } })}`,
      `/trpc/product.byId${input({ json: { id: '00000000-0000-4000-8000-000000000000' } })}`,
      `/trpc/product.byId${input({ json: { id: 'nope' } })}`,
    ];
    for (const path of cases) {
      const first = await answer(shop.url, path);
      const second = await answer(shop.url, path);
      expect(second, path).toEqual(first);
      if (first.status === 200) {
        expect(first.cacheControl, path).toBe('public, max-age=5');
      } else {
        expect(first.cacheControl, path).toBeNull();
      }
    }
  });

  it('agrees on random product.list inputs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            limit: fc.oneof(fc.integer({ min: -5, max: 200 }), fc.double(), fc.string()),
            offset: fc.oneof(fc.integer({ min: -5, max: 50 }), fc.constant(null)),
            category: fc.constantFrom('VAPE', 'MERCH', 'nope'),
          },
          { requiredKeys: [] },
        ),
        async (value) => {
          const path = `/trpc/product.list${input({ json: value })}`;
          expect(await answer(shop.url, path)).toEqual(await answer(shop.url, path));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('carries Cache-Control and an ETag, and answers 304 with no body when it still matches', async () => {
    const list = `/trpc/product.list${input({ json: { limit: 5 } })}`;
    const first = await answer(shop.url, list);
    expect(first.status).toBe(200);
    expect(first.etag).toMatch(/^"[\w-]{27}"$/);
    expect(first.vary).toBe('Origin, trpc-accept, accept');
    for (let i = 0; i < 2; i++) {
      const again = await answer(shop.url, list, { 'if-none-match': `"x", ${first.etag}` });
      expect(again).toMatchObject({ status: 304, body: '', etag: first.etag });
      const stale = await answer(shop.url, list, { 'if-none-match': '"stale"' });
      expect(stale).toEqual(first);
    }
  });

  it('never serves signed-in, batched or streaming requests from memory, nor marks them cacheable', async () => {
    const list = `/trpc/product.list${input({ json: { limit: 2 } })}`;
    await answer(shop.url, list);
    const buyer = await shop.buyer();
    const signedIn = await answer(shop.url, list, { authorization: `Bearer ${buyer.token}` });
    expect(signedIn.status).toBe(200);
    expect(signedIn.cacheControl).toBeNull();
    const batched = await answer(
      shop.url,
      `/trpc/product.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: { limit: 2 } } }))}`,
    );
    expect(batched.status).toBe(200);
    expect(batched.cacheControl).toBeNull();
    expect((await answer(shop.url, '/trpc/auth.me')).cacheControl).toBeNull();
  });

  it('logs one access line per request, hits included: method, path, status, never the query', async () => {
    const marker = `/trpc/product.list?input=${encodeURIComponent('{"json":{"limit":7}}')}`;
    const before = shop.world.logs.records().length;
    await answer(shop.url, marker);
    await answer(shop.url, marker);
    const lines = shop.world.logs
      .records()
      .slice(before)
      .filter((r) => (r.req as { path?: string } | undefined)?.path === '/trpc/product.list');
    expect(lines.map((r) => [r.msg, r.statusCode])).toEqual([
      [expect.stringMatching(/^GET \/trpc\/product\.list 200 [\d.]+ ms$/), 200],
      [expect.stringMatching(/^GET \/trpc\/product\.list 200 [\d.]+ ms$/), 200],
    ]);
    expect(lines[1]?.req).toEqual({ method: 'GET', path: '/trpc/product.list', ip: '127.0.0.1' });
    expect(shop.world.logs.text()).not.toContain('limit%22%3A7');
  });
});

/**
 * Two API instances on one database and one Redis keyspace. No instance may serve a price more
 * than a second older than the write that changed it — without any message between them, so
 * nothing that can be lost — and the admin's own instance shows the change at once.
 */
describe('a price change reaches every instance within a second', () => {
  let shop: Shop;
  let second: World;
  let secondUrl: string;

  beforeAll(async () => {
    shop = await openShop();
    second = await createWorld({
      database: shop.world.database,
      ...(shop.world.redisPrefix ? { redisPrefix: shop.world.redisPrefix } : {}),
    });
    ({ url: secondUrl } = await second.listen());
  });
  afterAll(async () => {
    await second.close();
    await shop.close();
  });

  const priceOn = async (base: string, id: string) =>
    JSON.parse((await answer(base, `/trpc/product.byId${input({ json: { id } })}`)).body).result
      .data.json.priceCents as number;

  it('the admin’s instance at once, the other one at most a second after the write', async () => {
    const item = await shop.product({ priceCents: 1000 });
    expect(await priceOn(shop.url, item.id)).toBe(1000);
    expect(await priceOn(secondUrl, item.id)).toBe(1000);

    // Half a second after the second instance read it, the admin changes the price.
    second.clock.advance(500);
    shop.world.clock.advance(500);
    await shop.admin.admin.product.upsert.mutate({ id: item.id, priceCents: 1500 });
    expect(await priceOn(shop.url, item.id)).toBe(1500);
    // The second instance may still answer from memory: its answer began before the write.
    expect([1000, 1500]).toContain(await priceOn(secondUrl, item.id));

    // A second after its read began, that answer is gone, whatever the second instance heard.
    second.clock.advance(500);
    expect(await priceOn(secondUrl, item.id)).toBe(1500);
  });

  it('serves repeats from memory: a change written behind the API shows after a second', async () => {
    const item = await shop.product({ priceCents: 3000 });
    expect(await priceOn(secondUrl, item.id)).toBe(3000);
    await second.db.update(products).set({ priceCents: 3100 }).where(eq(products.id, item.id));
    expect(await priceOn(secondUrl, item.id)).toBe(3000);
    second.clock.advance(1000);
    expect(await priceOn(secondUrl, item.id)).toBe(3100);
  });

  it('a read that began before the admin’s write is never kept on the admin’s instance', async () => {
    const item = await shop.product({ priceCents: 2000 });
    const answers = shop.world.deps.catalogAnswers;
    const read = answers.begin();
    await shop.admin.admin.product.upsert.mutate({ id: item.id, priceCents: 2500 });
    const key = `/trpc/product.byId${input({ json: { id: item.id } })}`;
    answers.set(key, read, { body: Buffer.from('old'), etag: '"old"', vary: null });
    expect(answers.get(key)).toBeUndefined();
    expect(await priceOn(shop.url, item.id)).toBe(2500);
  });
});
