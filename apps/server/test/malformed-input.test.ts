import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/trpc/router';
import { rawCall } from './http';
import { createWorld, type World } from './world';

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

const nasty = fc.oneof(
  fc.constantFrom(
    null,
    0,
    -1,
    1e308,
    Number.MAX_SAFE_INTEGER,
    '',
    'x'.repeat(10_000),
    '\u0000\uffff\ud83d',
    [],
    {},
    { id: 'not-a-uuid' },
    { limit: -5 },
    { limit: '20' },
    { cursor: '%%%' },
    { __proto__: { admin: true } },
    { constructor: { prototype: { polluted: true } } },
  ),
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }),
);

describe('malformed input to every procedure', () => {
  let world: World;
  let url: string;

  beforeAll(async () => {
    world = await createWorld();
    ({ url } = await world.listen());
  });
  afterAll(() => world.close());

  it('finds the procedures to fuzz', () => {
    expect(allProcedures().map((p) => p.path)).toContain('product.list');
  });

  it('answers a well-formed 4xx tRPC error, never a 5xx', async () => {
    const procedures = allProcedures();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...procedures),
        nasty,
        fc.boolean(),
        async (proc, input, raw) => {
          const res = await rawCall(url, proc.path, proc.type, input, { raw });
          expect(res.status, `${proc.path} ${JSON.stringify(input)?.slice(0, 200)}`).toBeLessThan(
            500,
          );
          if (res.status >= 400) {
            const body = res.body as { error?: { json?: { data?: { code?: string } } } };
            expect(body.error?.json?.data?.code).toEqual(expect.any(String));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('answers 400 to a body that is not JSON at all', async () => {
    const res = await fetch(`${url}/trpc/product.list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"json": ',
    });
    expect(res.status).toBeLessThan(500);
  });

  it('refuses a body over the size limit without a 5xx', async () => {
    const res = await fetch(`${url}/trpc/product.list`, {
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
      `${url}/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`,
    );
    expect(res.status).toBe(400);
  });
});
