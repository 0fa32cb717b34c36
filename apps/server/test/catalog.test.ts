import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { products } from '../src/db/schema';
import { insertProducts, productValues } from './factories';
import { rawCall, trpcClient } from './http';
import { createWorld, type World } from './world';

describe('product.list and product.byId over HTTP', () => {
  let world: World;
  let url: string;
  let client: ReturnType<typeof trpcClient>;

  beforeAll(async () => {
    world = await createWorld();
    ({ url } = await world.listen());
    client = trpcClient(url);
    await insertProducts(world.db, 130);
    await insertProducts(world.db, 3, { category: 'VAPE' });
    await insertProducts(world.db, 2, { active: false, category: 'VAPE' });
  });
  afterAll(() => world.close());

  it('defaults to 20 items and clamps limit 999 to 100', async () => {
    expect((await client.product.list.query({})).items).toHaveLength(20);
    const page = await client.product.list.query({ limit: 999 });
    expect(page.items).toHaveLength(100);
    expect(page.nextCursor).toEqual(expect.any(String));
  });

  it('rejects offset -1 with BAD_REQUEST and the issue path', async () => {
    const res = await rawCall(url, 'product.list', 'query', { offset: -1 });
    expect(res.status).toBe(400);
    const error = (res.body as { error: { json: { data: Record<string, unknown> } } }).error.json;
    expect(error.data.code).toBe('BAD_REQUEST');
    expect(error.data.reason).toBe('VALIDATION_FAILED');
    expect(error.data.issues).toEqual([expect.objectContaining({ path: ['offset'] })]);
  });

  it('rejects limit 0, a fractional limit, and cursor together with offset', async () => {
    for (const input of [{ limit: 0 }, { limit: 2.5 }, { cursor: 'abc', offset: 0 }]) {
      const res = await rawCall(url, 'product.list', 'query', input);
      expect(res.status, JSON.stringify(input)).toBe(400);
    }
  });

  it('rejects a forged cursor with INVALID_CURSOR, including one dated past year 9999', async () => {
    const farFuture = Buffer.from(
      JSON.stringify([253_402_300_800_000, '00000000-0000-4000-8000-000000000000']),
    )
      .toString('base64url')
      .replace(/=+$/, '');
    for (const cursor of ['bm90LWEtY3Vyc29y', farFuture]) {
      const res = await rawCall(url, 'product.list', 'query', { cursor });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('INVALID_CURSOR');
    }
  });

  it('walks every active product exactly once by cursor', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.product.list.query({ limit: 17, cursor });
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(133);
    expect(new Set(seen).size).toBe(133);
  });

  it('offset pages agree with cursor pages', async () => {
    const first = await client.product.list.query({ limit: 10 });
    const second = await client.product.list.query({ limit: 10, offset: 10 });
    const byCursor = await client.product.list.query({
      limit: 10,
      cursor: first.nextCursor ?? undefined,
    });
    expect(second.items.map((p) => p.id)).toEqual(byCursor.items.map((p) => p.id));
  });

  it('filters by category and hides inactive products', async () => {
    const page = await client.product.list.query({ category: 'VAPE', limit: 100 });
    expect(page.items).toHaveLength(3);
    expect(page.items.every((p) => p.category === 'VAPE' && p.active)).toBe(true);
    expect(page.nextCursor).toBeNull();
  });

  it('maps rows to the Product shape exactly', async () => {
    const [item] = (await client.product.list.query({ limit: 1 })).items;
    expect(Object.keys(item ?? {}).sort()).toEqual(
      [
        'active',
        'category',
        'createdAt',
        'description',
        'id',
        'name',
        'passRequired',
        'priceCents',
        'slug',
        'stock',
      ].sort(),
    );
    expect(item?.createdAt).toBeInstanceOf(Date);
  });

  it('byId returns an active product and NOT_FOUND for unknown or inactive ones', async () => {
    const [first] = (await client.product.list.query({ limit: 1 })).items;
    expect((await client.product.byId.query({ id: first?.id ?? '' })).id).toBe(first?.id);
    await expect(
      client.product.byId.query({ id: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND', reason: 'PRODUCT_NOT_FOUND' } });
    const [inactive] = await insertProducts(world.db, 1, { active: false });
    await expect(client.product.byId.query({ id: inactive?.id ?? '' })).rejects.toMatchObject({
      data: { code: 'NOT_FOUND' },
    });
  });
});

describe('cursor paging while products are being added', () => {
  it('never repeats or skips a product that existed when paging began', async () => {
    const world = await createWorld();
    try {
      const { url } = await world.listen();
      const client = trpcClient(url);
      const initial = await insertProducts(world.db, 60);
      const seen: string[] = [];
      let cursor: string | undefined;
      let inserts = 0;
      do {
        const page = await client.product.list.query({ limit: 7, cursor });
        seen.push(...page.items.map((p) => p.id));
        cursor = page.nextCursor ?? undefined;
        // Insert between pages, as a busy admin would while a buyer scrolls.
        await world.db.insert(products).values([productValues(), productValues()]);
        inserts += 2;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      for (const p of initial) expect(seen).toContain(p.id);
      expect(inserts).toBeGreaterThan(0);
    } finally {
      await world.close();
    }
  });
});
