import { base64urlnopad, utf8 } from '@scure/base';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  decodeCursor,
  encodeCursor,
  PAGE_LIMIT_DEFAULT,
  PAGE_LIMIT_MAX,
  Pagination,
  paginated,
} from './pagination';

const issuesOf = (input: unknown) => {
  const r = Pagination.safeParse(input);
  return r.success ? [] : r.error.issues;
};

describe('Pagination', () => {
  it('defaults the limit to 20 and clamps large limits to 100', () => {
    expect(PAGE_LIMIT_DEFAULT).toBe(20);
    expect(PAGE_LIMIT_MAX).toBe(100);
    expect(Pagination.parse({})).toEqual({ limit: 20 });
    expect(Pagination.parse({ limit: 999 }).limit).toBe(100);
    expect(Pagination.parse({ limit: 100 }).limit).toBe(100);
    expect(Pagination.parse({ limit: 1 }).limit).toBe(1);
    expect(Pagination.parse({ limit: Number.MAX_SAFE_INTEGER }).limit).toBe(100);
  });

  it('never yields a page size outside 1..100', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double()), (limit) => {
        const r = Pagination.safeParse({ limit });
        if (r.success) {
          expect(r.data.limit).toBeGreaterThanOrEqual(1);
          expect(r.data.limit).toBeLessThanOrEqual(100);
          expect(Number.isInteger(r.data.limit)).toBe(true);
        } else {
          // zod refuses integers beyond 2^53 too: they cannot be told apart from their neighbours
          expect(Number.isSafeInteger(limit) && limit >= 1).toBe(false);
        }
      }),
    );
  });

  it('refuses a limit of 0, a negative or fractional limit, and non-numbers', () => {
    for (const limit of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '20', null]) {
      const issues = issuesOf({ limit });
      expect(issues.length, String(limit)).toBeGreaterThan(0);
      expect(issues[0]?.path).toEqual(['limit']);
    }
  });

  it('refuses a negative or fractional offset at path offset', () => {
    expect(issuesOf({ offset: -1 }).map((i) => i.path)).toEqual([['offset']]);
    expect(issuesOf({ offset: 0.5 }).map((i) => i.path)).toEqual([['offset']]);
    expect(Pagination.parse({ offset: 0 })).toEqual({ limit: 20, offset: 0 });
  });

  it('refuses cursor and offset together', () => {
    const issues = issuesOf({ cursor: 'abc', offset: 0 });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toEqual(['offset']);
    expect(issues[0]?.message).toBe('use either cursor or offset, not both');
    expect(Pagination.parse({ cursor: 'abc' })).toEqual({ limit: 20, cursor: 'abc' });
  });

  it('refuses unknown keys, an empty cursor and an oversized cursor', () => {
    expect(issuesOf({ page: 2 })[0]?.code).toBe('unrecognized_keys');
    expect(issuesOf({ cursor: '' }).length).toBeGreaterThan(0);
    expect(issuesOf({ cursor: 'a'.repeat(513) }).length).toBeGreaterThan(0);
  });

  it("takes the 'forward' direction tRPC's infinite queries send, and nothing else", () => {
    expect(Pagination.parse({ cursor: 'abc', direction: 'forward' })).toEqual({
      limit: 20,
      cursor: 'abc',
      direction: 'forward',
    });
    expect(issuesOf({ direction: 'backward' })[0]?.path).toEqual(['direction']);
  });
});

describe('paginated()', () => {
  const Input = paginated({ status: z.enum(['A', 'B']).optional() });

  it('adds fields to the pagination rules, strictly', () => {
    expect(Input.parse({ status: 'A', limit: 500 })).toEqual({ status: 'A', limit: 100 });
    expect(Input.safeParse({ status: 'C' }).success).toBe(false);
    expect(Input.safeParse({ other: 1 }).success).toBe(false);
    const both = Input.safeParse({ status: 'B', cursor: 'x', offset: 1 });
    expect(both.success ? [] : both.error.issues.map((i) => i.path)).toEqual([['offset']]);
  });

  it('types the input with every field optional, and the input itself too', () => {
    expectTypeOf<z.input<typeof Input>>().toEqualTypeOf<
      | {
          limit?: number | undefined;
          cursor?: string | undefined;
          offset?: number | undefined;
          direction?: 'forward' | undefined;
          status?: 'A' | 'B' | undefined;
        }
      | undefined
    >();
  });

  it('reads no input as the first page with the default size', () => {
    expect(Input.parse(undefined)).toEqual({ limit: PAGE_LIMIT_DEFAULT });
    expect(Pagination.parse(undefined)).toEqual({ limit: PAGE_LIMIT_DEFAULT });
  });
});

describe('cursors', () => {
  it('refuses instants Postgres cannot store (years outside 1–9999)', () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const forge = (ms: number) => base64urlnopad.encode(utf8.decode(JSON.stringify([ms, id])));
    expect(decodeCursor(forge(253_402_300_800_000))).toBeNull(); // 10000-01-01
    expect(decodeCursor(forge(-62_198_755_200_000))).toBeNull(); // year 0
    expect(decodeCursor(forge(1_700_000_000_000))?.id).toBe(id);
  });

  it('round-trip any instant and uuid', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-01T00:00:00.000Z'),
          max: new Date('9999-12-31T23:59:59.999Z'),
          noInvalidDate: true,
        }),
        fc.uuid({ version: [1, 2, 3, 4, 5, 6, 7, 8] }),
        (createdAt, id) => {
          const cursor = encodeCursor({ createdAt, id });
          expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
          expect(cursor.length).toBeLessThanOrEqual(512);
          expect(Pagination.safeParse({ cursor }).success).toBe(true);
          const key = decodeCursor(cursor);
          expect(key?.id).toBe(id);
          expect(key?.createdAt.getTime()).toBe(createdAt.getTime());
        },
      ),
    );
  });

  it('keeps millisecond precision', () => {
    const createdAt = new Date('2024-02-29T23:59:59.999Z');
    const id = '0190f5a4-5b6e-7c2d-9f00-123456789abc';
    expect(decodeCursor(encodeCursor({ createdAt, id }))).toEqual({ createdAt, id });
  });

  it('refuses to encode an invalid date', () => {
    expect(() =>
      encodeCursor({ createdAt: new Date(Number.NaN), id: '0190f5a4-5b6e-7c2d-9f00-123456789abc' }),
    ).toThrow();
  });

  const wrap = (json: string) => base64urlnopad.encode(utf8.decode(json));
  it('decodes garbage to null', () => {
    const garbage = [
      '',
      '!!!',
      'not base64 at all',
      'a',
      wrap('{"createdAt":1,"id":"x"}'),
      wrap('not json'),
      wrap('[1]'),
      wrap('[1,"0190f5a4-5b6e-7c2d-9f00-123456789abc",3]'),
      wrap('["1","0190f5a4-5b6e-7c2d-9f00-123456789abc"]'),
      wrap('[1.5,"0190f5a4-5b6e-7c2d-9f00-123456789abc"]'),
      wrap('[null,"0190f5a4-5b6e-7c2d-9f00-123456789abc"]'),
      wrap('[1e300,"0190f5a4-5b6e-7c2d-9f00-123456789abc"]'),
      wrap('[9000000000000000,"0190f5a4-5b6e-7c2d-9f00-123456789abc"]'),
      wrap('[1,"not-a-uuid"]'),
      wrap('[1,42]'),
      base64urlnopad.encode(new Uint8Array([0xff, 0xfe, 0xfd])),
      'A'.repeat(10_000),
    ];
    for (const g of garbage) expect(decodeCursor(g), g).toBeNull();
    expect(decodeCursor(42 as unknown as string)).toBeNull();
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), (s) => {
        expect(() => decodeCursor(s)).not.toThrow();
      }),
    );
  });
});
