import { transformer } from '@puffy/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deserializeInput } from '../src/trpc/transformer';
import { rawCall } from './http';
import { createWallet } from './wallet';
import { createWorld, type World } from './world';

const deepPath = Array.from({ length: 3000 }, () => 'a').join('.');
const hostileMetas: Array<[string, unknown]> = [
  ['an unknown annotation', { values: { limit: 'bogus' } }],
  ['a deeply nested path', { values: { [deepPath]: ['Date'] } }],
  ['a referential equality', { referentialEqualities: { '': ['limit'] } }],
  ['a class annotation', { values: { limit: [['class', 'X']] } }],
  ['a prototype path', JSON.parse('{"values":{"__proto__":["Date"]}}')],
  ['not an object', 'meta'],
];

function expectPlainValidationError(res: { status: number; body: unknown }) {
  expect(res.status).toBe(400);
  const text = JSON.stringify(res.body);
  expect(text).toContain('"reason":"VALIDATION_FAILED"');
  expect(text).not.toMatch(/call stack|RangeError|superjson|at \w+ \(/i);
}

describe('superjson meta is checked before it is deserialized', () => {
  let world: World;
  let url: string;
  beforeAll(async () => {
    world = await createWorld({ env: { RATE_LIMIT_AUTH_PER_MIN: '1000' } });
    ({ url } = await world.listen());
  });
  afterAll(() => world.close());

  for (const [name, meta] of hostileMetas) {
    it(`GET (the direct query path) answers 400 VALIDATION_FAILED for ${name}`, async () => {
      const res = await rawCall(
        url,
        'product.list',
        'query',
        { json: { limit: 5 }, meta },
        {
          raw: true,
        },
      );
      expectPlainValidationError(res);
    });

    it(`POST (tRPC's own path) answers 400 VALIDATION_FAILED for ${name}`, async () => {
      const { address } = await createWallet();
      const res = await rawCall(
        url,
        'auth.challenge',
        'mutation',
        { json: { address }, meta },
        {
          raw: true,
        },
      );
      expectPlainValidationError(res);
    });
  }

  it('a batched GET is checked too', async () => {
    const input = { 0: { json: { limit: 5 }, meta: { values: { limit: 'bogus' } } } };
    const res = await fetch(
      `${url}/trpc/product.list?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`,
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('"reason":"VALIDATION_FAILED"');
  });

  it('inputs with the annotations our schemas use still work', async () => {
    const ok = await rawCall(url, 'product.list', 'query', { limit: 5 });
    expect(ok.status).toBe(200);
    const value = { at: new Date(0), big: 10n, gone: undefined, items: [{ at: new Date(1) }] };
    expect(deserializeInput(transformer.serialize(value))).toEqual(value);
  });
});
