import { count } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../src/db/schema';
import { appRouter } from '../src/trpc/router';
import { rawCall } from './http';
import { openShop, type Shop, shippingTo } from './shop';

type ProcedureType = 'query' | 'mutation';

/** Every procedure in the router, found by walking it, so new procedures are covered automatically. */
function allProcedures(): Array<{ path: string; type: ProcedureType }> {
  const procedures = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: string } }
  >;
  return Object.entries(procedures)
    .filter(([, p]) => p._def.type === 'query' || p._def.type === 'mutation')
    .map(([path, p]) => ({ path, type: p._def.type as ProcedureType }));
}

const edgeNumbers = fc.constantFrom(
  0,
  -0,
  -1,
  0.5,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MIN_SAFE_INTEGER,
  1e308,
  -1e308,
  5e-324,
  2 ** 31,
  -(2 ** 31) - 1,
);
const hostileStrings = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constantFrom(
    '',
    ' ',
    'x'.repeat(20_000),
    '\u0000',
    '\ud83d',
    '😀'.repeat(500),
    "'; drop table orders; --",
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '00000000-0000-0000-0000-000000000000',
    '4uQeVj5tqViQh7yWWGStvkEG1Zmhx6uasJtWCJziofM',
    'NaN',
  ),
);
const deep = fc.integer({ min: 10, max: 200 }).map((depth) => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { v };
  return v;
});
const anyValue = fc.oneof(
  hostileStrings,
  edgeNumbers,
  fc.boolean(),
  fc.constant(null),
  deep,
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 30 }),
);

/** Inputs that are valid or nearly so, so mutations reach the deeper checks of each procedure. */
function samples(productId: string, ownerId: string): Record<string, Record<string, unknown>> {
  return {
    'auth.challenge': { address: '9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin' },
    'auth.verify': { sessionId: 'a'.repeat(32), signature: '1'.repeat(64) },
    'auth.signInRequest': { address: '9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin' },
    'auth.verifySignIn': {
      sessionId: 'a'.repeat(32),
      address: '9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin',
      message: 'localhost:3000 wants you to sign in with your Solana account:',
      signature: '1'.repeat(64),
    },
    'twitter.link': { code: 'code', state: 's'.repeat(43) },
    'product.list': { limit: 5 },
    'product.byId': { id: productId },
    'order.create': {
      items: [{ productId, quantity: 1 }],
      shippingAddress: shippingTo('US'),
      ageConfirmed: true,
    },
    'order.list': { limit: 5 },
    'order.byId': { id: productId },
    'order.cancel': { id: productId },
    'code.check': { passCode: 'FUZZ-CODE', referralCode: 'ABCDEFGH' },
    'admin.order.list': { limit: 5 },
    'admin.order.transition': { id: productId, to: 'PAID' },
    'admin.passCode.create': { ownerId, maxUses: 1 },
    'admin.product.upsert': {
      slug: 'fuzz-product',
      name: 'Fuzz',
      category: 'MERCH',
      priceCents: 100,
      stock: 1,
    },
    'admin.product.list': { limit: 5 },
    'admin.payment.needsReview': { limit: 5 },
    'admin.payment.resolve': { id: productId, resolution: 'dismissed', note: 'fuzz' },
    'admin.user.byAddress': { address: '9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin' },
    'dev.simulatePayment': { orderId: productId, mode: 'full' },
  };
}

/** A valid-ish input with one field dropped, one extra field, or one field replaced by junk. */
const mutated = (sample: Record<string, unknown>) =>
  fc.oneof(
    fc.constantFrom(...Object.keys(sample)).map((k) => {
      const { [k]: _dropped, ...rest } = sample;
      return rest;
    }),
    fc.tuple(fc.string({ maxLength: 12 }), anyValue).map(([k, v]) => ({ ...sample, [k]: v })),
    fc
      .tuple(fc.constantFrom(...Object.keys(sample)), anyValue)
      .map(([k, v]) => ({ ...sample, [k]: v })),
  );

describe('malformed input to every procedure, anonymous and signed in', () => {
  let shop: Shop;
  let procedures: Array<{ path: string; type: ProcedureType }>;
  let validish: Record<string, Record<string, unknown>>;

  const rowCounts = async () => {
    const tables = Object.values(schema).filter(
      (t): t is typeof schema.orders => typeof t === 'object' && t !== null && 'getSQL' in t,
    );
    const counts = await Promise.all(
      tables.map(async (t) => (await shop.world.db.select({ n: count() }).from(t))[0]?.n ?? -1),
    );
    return counts.join(',');
  };

  beforeAll(async () => {
    shop = await openShop();
    procedures = allProcedures();
    const product = await shop.product();
    const owner = await shop.buyer();
    validish = samples(product.id, owner.userId);
  });
  afterAll(() => shop.close());

  it('knows a sample input for every procedure that takes one', () => {
    const withInput = procedures
      .map((p) => p.path)
      .filter(
        (p) =>
          !/^(auth\.(me|logout)|twitter\.(authorizeUrl|unlink)|code\.mine|shop\.settings)$/.test(p),
      );
    expect(withInput.sort()).toEqual(Object.keys(validish).sort());
  });

  it('answers a well-formed 4xx tRPC error (or a result), never a 5xx, and a refusal writes nothing', async () => {
    const buyer = { authorization: `Bearer ${(await shop.buyer()).token}` };
    const admin = { authorization: `Bearer ${shop.adminToken}` };
    const callers = [{}, buyer, admin];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...procedures),
        fc.constantFrom(...callers),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 }),
        anyValue,
        fc.nat(),
        async (proc, headers, raw, strategy, junk, seed) => {
          const sample = validish[proc.path];
          const input =
            strategy === 0 || !sample ? junk : fc.sample(mutated(sample), { numRuns: 1, seed })[0];
          const before = proc.type === 'mutation' ? await rowCounts() : '';
          const res = await rawCall(shop.url, proc.path, proc.type, input, { raw, headers });
          const label = `${proc.path} ${JSON.stringify(input)?.slice(0, 200)}`;
          expect(res.status, label).toBeLessThan(500);
          const body = res.body as {
            result?: unknown;
            error?: { json?: { message?: string; data?: { code?: string; httpStatus?: number } } };
          };
          if (res.status >= 400) {
            // 413 (body) and 431 (URL in the headers) come from the HTTP layer, before tRPC.
            if (![413, 414, 431].includes(res.status)) {
              expect(body.error?.json?.data?.code, label).toEqual(expect.any(String));
              expect(body.error?.json?.data?.httpStatus, label).toBe(res.status);
            }
            if (proc.type === 'mutation') expect(await rowCounts(), label).toBe(before);
          } else {
            expect(body.result, label).toBeDefined();
          }
        },
      ),
      { numRuns: 250 },
    );
    // 750 HTTP calls with their row counts: seconds when the machine is quiet, minutes when six
    // suites share its two cores. A bound on the wait, not on speed.
  }, 180_000);

  it('answers 400 to a body that is not JSON at all', async () => {
    const res = await fetch(`${shop.url}/trpc/auth.challenge`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"json": ',
    });
    expect(res.status).toBe(400);
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await fetch(`${shop.url}/trpc/auth.challenge`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: 'x'.repeat(200 * 1024) }),
    });
    expect(res.status).toBe(413);
  });

  it('refuses a batch larger than the cap', async () => {
    const paths = Array.from({ length: 11 }, () => 'product.list').join(',');
    const input = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [i, { json: {} }]));
    const res = await fetch(
      `${shop.url}/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`,
    );
    expect(res.status).toBe(400);
  });

  it('answers 404 for an unknown procedure and 405 for a mutation sent as GET', async () => {
    expect((await fetch(`${shop.url}/trpc/nope.nothing`)).status).toBe(404);
    expect((await fetch(`${shop.url}/trpc/auth.challenge?input=%7B%7D`)).status).toBe(405);
  });
});
