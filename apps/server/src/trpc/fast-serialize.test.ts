import fc from 'fast-check';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { fastSerialize } from './fast-serialize';
import { fastOutput } from './output-serializer';

const transformer = fastOutput;

const leaf = fc.oneof(
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  fc.date(),
  fc.date({ noInvalidDate: true }),
  fc.constant(undefined),
  fc.constant(-0),
  fc.constantFrom(0n, 1n), // repeated bigint values: superjson tracks them by value
);
const key = fc.oneof(
  fc.string(),
  fc.constantFrom('a.b', 'x\\y', 'createdAt', '', '0', 'prototype', 'constructor'),
);
const tree = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('node'), { maxLength: 5 }),
  object: fc.dictionary(key, tie('node'), { maxKeys: 5 }),
})).node;

/** A result or the error message, so "both throw the same" also counts as agreeing. */
function outcome(run: () => unknown): { value: unknown } | { error: string } {
  try {
    return { value: run() };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

describe("fastSerialize (the server's output serializer)", () => {
  it('produces exactly superjson.serialize, or defers to it', () => {
    fc.assert(
      fc.property(tree, (value) => {
        const fast = fastSerialize(value);
        // Compared as text: key order included, not just deep equality.
        if (fast !== undefined)
          expect(JSON.stringify(fast)).toBe(JSON.stringify(superjson.serialize(value)));
        expect(outcome(() => transformer.serialize(value))).toEqual(
          outcome(() => superjson.serialize(value)),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('takes the fast path for a page of products (no fallback)', () => {
    const page = {
      items: Array.from({ length: 20 }, (_, i) => ({
        id: `id-${i}`,
        priceCents: 1000 + i,
        active: true,
        createdAt: new Date(1_700_000_000_000 + i),
        units: BigInt(i),
        tags: ['a', 'b'],
      })),
      nextCursor: null,
    };
    const fast = fastSerialize(page);
    expect(fast).toBeDefined();
    expect(fast).toEqual(superjson.serialize(page));
    const back = transformer.deserialize<typeof page>(JSON.parse(JSON.stringify(fast)));
    expect(back.items[3]?.createdAt).toEqual(new Date(1_700_000_000_003));
    expect(back.items[3]?.units).toBe(3n);
  });

  it('defers to superjson for repeated references, Maps, classes and undefined', () => {
    const shared = { x: 1 };
    for (const value of [
      { a: shared, b: shared },
      { m: new Map([[1, 2]]) },
      { c: new (class Thing {})() },
      { u: undefined },
      new Date(0),
    ]) {
      expect(fastSerialize(value)).toBeUndefined();
      expect(transformer.serialize(value)).toEqual(superjson.serialize(value));
    }
  });
});
