import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { ShippingAddressInput } from './address';
import { CreateOrderInput, OrderListInput } from './order';

const pid = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const address = {
  name: 'Ada',
  email: 'ada@example.com',
  line1: '1 Main St',
  city: 'Springfield',
  postalCode: '12345',
  country: 'US',
};
const order = (items: unknown) => ({ items, shippingAddress: address });

const issues = (input: unknown) => {
  const r = CreateOrderInput.safeParse(input);
  return r.success
    ? []
    : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('CreateOrderInput', () => {
  it('accepts a well-formed order and upper-cases the referral code', () => {
    const parsed = CreateOrderInput.parse({
      ...order([{ productId: pid(1), quantity: 2 }]),
      ageConfirmed: true,
      passCode: 'EARLY-BIRD',
      referralCode: 'abcd2345',
      idempotencyKey: '4b9e3a4c-1f0e-4d6b-9a57-0c3c1f1d2e3f',
    });
    expect(parsed.referralCode).toBe('ABCD2345');
  });

  it('refuses a repeated product at the repeated line', () => {
    expect(
      issues(
        order([
          { productId: pid(1), quantity: 1 },
          { productId: pid(2), quantity: 1 },
          { productId: pid(1), quantity: 3 },
        ]),
      ),
    ).toEqual([{ path: 'items.2.productId', message: 'duplicate product' }]);
  });

  it('accepts any set of distinct products and refuses any repeat', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 20 }),
        fc.nat(),
        (ids, pick) => {
          const items = ids.map((n) => ({ productId: pid(n), quantity: 1 }));
          expect(CreateOrderInput.safeParse(order(items)).success).toBe(true);
          if (items.length < 20) {
            const dup = items[pick % items.length];
            expect(issues(order([...items, dup])).map((i) => i.message)).toEqual([
              'duplicate product',
            ]);
          }
        },
      ),
    );
  });

  it('refuses empty carts, over 20 lines, and bad quantities', () => {
    expect(issues(order([])).map((i) => i.path)).toEqual(['items']);
    const many = Array.from({ length: 21 }, (_, i) => ({ productId: pid(i), quantity: 1 }));
    expect(issues(order(many)).map((i) => i.path)).toEqual(['items']);
    for (const quantity of [0, 11, 1.5, -1, '2']) {
      expect(issues(order([{ productId: pid(1), quantity }])).map((i) => i.path)).toEqual([
        'items.0.quantity',
      ]);
    }
    expect(issues(order([{ productId: 'p1', quantity: 1 }])).map((i) => i.path)).toEqual([
      'items.0.productId',
    ]);
  });

  it('refuses extra keys anywhere, including a client-sent price', () => {
    expect(issues({ ...order([{ productId: pid(1), quantity: 1 }]), totalCents: 1 })).toHaveLength(
      1,
    );
    expect(
      issues(order([{ productId: pid(1), quantity: 1, unitPriceCents: 1 }])).map((i) => i.path),
    ).toEqual(['items.0']);
  });

  it('refuses a non-uuid idempotency key', () => {
    expect(
      issues({ ...order([{ productId: pid(1), quantity: 1 }]), idempotencyKey: 'retry-1' }).map(
        (i) => i.path,
      ),
    ).toEqual(['idempotencyKey']);
  });

  it('has exactly the contract field names', () => {
    expectTypeOf<z.input<typeof CreateOrderInput>>().toEqualTypeOf<{
      items: { productId: string; quantity: number }[];
      shippingAddress: ShippingAddressInput;
      ageConfirmed?: boolean | undefined;
      passCode?: string | undefined;
      referralCode?: string | undefined;
      idempotencyKey?: string | undefined;
    }>();
    expectTypeOf<ShippingAddressInput>().toEqualTypeOf<{
      name: string;
      email: string;
      phone?: string | undefined;
      line1: string;
      line2?: string | undefined;
      city: string;
      state?: string | undefined;
      postalCode: string;
      country: string;
    }>();
  });
});

describe('OrderListInput', () => {
  it('filters by a real status only', () => {
    expect(OrderListInput.parse({ status: 'PAID' })).toEqual({ status: 'PAID', limit: 20 });
    expect(OrderListInput.safeParse({ status: 'paid' }).success).toBe(false);
    expect(OrderListInput.safeParse({ userId: pid(1) }).success).toBe(false);
  });
});
