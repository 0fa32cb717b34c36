import { createWorld, insertProductRows, type World } from '@puffy/server/testing';
import { createTRPCClient } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppRouter,
  createPuffyClient,
  createPuffyLinks,
  errorReason,
  isPuffyError,
  type PuffyClient,
  type PuffyFetch,
  TRPCClientError,
} from '../src/index';

function countingFetch() {
  const urls: string[] = [];
  const fetch: PuffyFetch = (input, init) => {
    urls.push(String(input));
    return globalThis.fetch(input, init as RequestInit);
  };
  return { fetch, urls };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to reject');
}

describe('createPuffyClient against the real server over HTTP', () => {
  let world: World;
  let url: string;
  let client: PuffyClient;
  let mintId: string;

  beforeAll(async () => {
    world = await createWorld();
    ({ url } = await world.listen());
    client = createPuffyClient({ url });
    const rows = await insertProductRows(world.db, [
      {
        slug: 'pod-mint',
        name: 'Pod Mint',
        category: 'VAPE',
        priceCents: 1499,
        stock: 200,
        description: 'Mint pod.',
      },
      {
        slug: 'puffy-one',
        name: 'Puffy One',
        category: 'DEVICE',
        priceCents: 4999,
        stock: 80,
        description: 'The device.',
      },
      {
        slug: 'puffy-tee',
        name: 'Puffy tee',
        category: 'MERCH',
        priceCents: 2499,
        stock: 300,
        description: 'A tee.',
        passRequired: true,
      },
    ]);
    const mint = rows.find((r) => r.slug === 'pod-mint');
    if (!mint) throw new Error('seed failed');
    mintId = mint.id;
  });

  afterAll(async () => {
    await world.close();
  });

  it('builds other tRPC clients (React Query) on the same links: batching, superjson, token', async () => {
    const { fetch, urls } = countingFetch();
    const links = createPuffyLinks({ url, fetch, getToken: () => 'not-a-real-token' });
    const reactLike = createTRPCClient<AppRouter>({ links });
    const [page, product] = await Promise.all([
      reactLike.product.list.query({ limit: 10 }),
      reactLike.product.byId.query({ id: mintId }),
    ]);
    expect(page.items).toHaveLength(3);
    expect(product.createdAt).toBeInstanceOf(Date);
    // Two calls in one tick: one HTTP request.
    expect(urls).toHaveLength(1);
    const err = await rejection(reactLike.auth.me.query());
    expect(errorReason(err)).toBe('TOKEN_INVALID');
  });

  it('lists products, with Dates revived by the shared transformer', async () => {
    const page = await client.product.list.query({ limit: 10 });
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((p) => p.slug).sort()).toEqual(['pod-mint', 'puffy-one', 'puffy-tee']);
    const tee = page.items.find((p) => p.slug === 'puffy-tee');
    expect(tee).toMatchObject({
      name: 'Puffy tee',
      category: 'MERCH',
      priceCents: 2499,
      stock: 300,
      passRequired: true,
      active: true,
    });
    expect(tee?.createdAt).toBeInstanceOf(Date);
  });

  it('batches two calls made in one tick into one request, and both resolve', async () => {
    const counting = countingFetch();
    const batching = createPuffyClient({ url, fetch: counting.fetch });
    const [page, mint] = await Promise.all([
      batching.product.list.query({ category: 'VAPE' }),
      batching.product.byId.query({ id: mintId }),
    ]);
    expect(counting.urls).toHaveLength(1);
    expect(counting.urls[0]).toContain('/trpc/product.list,product.byId?batch=1');
    expect(page.items.map((p) => p.slug)).toEqual(['pod-mint']);
    expect(mint.id).toBe(mintId);
  });

  it('splits a tick of 11 calls into batches the server accepts (it caps them at 10)', async () => {
    const counting = countingFetch();
    const batching = createPuffyClient({ url, fetch: counting.fetch });
    const results = await Promise.all(
      Array.from({ length: 11 }, () => batching.product.byId.query({ id: mintId })),
    );
    expect(results.every((p) => p.id === mintId)).toBe(true);
    expect(counting.urls).toHaveLength(2);
  });

  it('accepts a base URL with a trailing slash', async () => {
    const slashed = createPuffyClient({ url: `${url}/` });
    await expect(slashed.product.byId.query({ id: mintId })).resolves.toMatchObject({
      slug: 'pod-mint',
    });
  });

  it('rejects an unknown product with NOT_FOUND and reason PRODUCT_NOT_FOUND', async () => {
    const err = await rejection(
      client.product.byId.query({ id: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(err).toBeInstanceOf(TRPCClientError);
    expect(isPuffyError(err)).toBe(true);
    expect(errorReason(err)).toBe('PRODUCT_NOT_FOUND');
    if (!isPuffyError(err)) throw err;
    expect(err.data?.code).toBe('NOT_FOUND');
    expect(err.data?.httpStatus).toBe(404);
  });

  it('rejects bad input with BAD_REQUEST and the issue paths', async () => {
    const err = await rejection(client.product.byId.query({ id: 'not-a-uuid' }));
    if (!isPuffyError(err)) throw err;
    expect(err.data?.code).toBe('BAD_REQUEST');
    expect(errorReason(err)).toBe('VALIDATION_FAILED');
    expect(err.data?.issues).toEqual([expect.objectContaining({ path: ['id'] })]);

    const listErr = await rejection(client.product.list.query({ offset: -1 }));
    if (!isPuffyError(listErr)) throw listErr;
    expect(listErr.data?.code).toBe('BAD_REQUEST');
    expect(listErr.data?.issues).toEqual([expect.objectContaining({ path: ['offset'] })]);
    expect(listErr.data?.zodError?.fieldErrors).toHaveProperty('offset');
  });

  it('gives no reason for errors that are not from the server', () => {
    expect(errorReason(new Error('boom'))).toBeNull();
    expect(errorReason('PRODUCT_NOT_FOUND')).toBeNull();
    expect(isPuffyError(new Error('boom'))).toBe(false);
  });
});
