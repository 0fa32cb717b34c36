import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import {
  centsToBaseUnits,
  DEFAULT_REFERRAL_DISCOUNT_BPS,
  formatCents,
  MAX_ORDER_CENTS,
  priceOrder,
  rewardPoints,
} from './pricing';

const line = fc.record({
  unitPriceCents: fc.integer({ min: 1, max: 100_000_000 }),
  quantity: fc.integer({ min: 1, max: 10 }),
});
const lines = fc.array(line, { minLength: 1, maxLength: 20 });
const bps = fc.integer({ min: 0, max: 10_000 });

const expectValidationError = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).reason).toBe('VALIDATION_FAILED');
    return;
  }
  expect.fail('expected VALIDATION_FAILED');
};

describe('priceOrder', () => {
  it('prices a simple cart with the default 5 % referral discount', () => {
    expect(DEFAULT_REFERRAL_DISCOUNT_BPS).toBe(500);
    const cart = [
      { unitPriceCents: 1999, quantity: 2 },
      { unitPriceCents: 501, quantity: 1 },
    ];
    expect(priceOrder(cart)).toEqual({ subtotalCents: 4499, discountCents: 0, totalCents: 4499 });
    // 4499 × 0.05 = 224.95 → 224
    expect(priceOrder(cart, { discountBps: 500 })).toEqual({
      subtotalCents: 4499,
      discountCents: 224,
      totalCents: 4275,
    });
  });

  it('keeps totals exact and within bounds for any cart and discount', () => {
    fc.assert(
      fc.property(lines, fc.option(bps, { nil: undefined }), (cart, discountBps) => {
        const sum = cart.reduce((s, l) => s + BigInt(l.unitPriceCents) * BigInt(l.quantity), 0n);
        const price = () =>
          priceOrder(cart, discountBps === undefined ? undefined : { discountBps });
        if (sum > BigInt(MAX_ORDER_CENTS)) {
          expectValidationError(price);
          return;
        }
        const p = price();
        for (const v of [p.subtotalCents, p.discountCents, p.totalCents]) {
          expect(Number.isSafeInteger(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(0);
        }
        expect(BigInt(p.subtotalCents)).toBe(sum);
        expect(p.subtotalCents).toBe(p.discountCents + p.totalCents);
        expect(p.totalCents).toBeGreaterThanOrEqual(1);
        if (discountBps === undefined) {
          expect(p.discountCents).toBe(0);
        } else {
          const floor = (sum * BigInt(discountBps)) / 10_000n;
          const capped = floor > sum - 1n ? sum - 1n : floor;
          expect(BigInt(p.discountCents)).toBe(capped);
        }
      }),
    );
  });

  it('never discounts below one cent, even at 100 %', () => {
    expect(priceOrder([{ unitPriceCents: 1, quantity: 1 }], { discountBps: 10_000 })).toEqual({
      subtotalCents: 1,
      discountCents: 0,
      totalCents: 1,
    });
    expect(
      priceOrder([{ unitPriceCents: 5000, quantity: 1 }], { discountBps: 10_000 }).totalCents,
    ).toBe(1);
  });

  it('accepts up to MAX_ORDER_CENTS (the 32-bit cents columns) and refuses one cent more', () => {
    const atMax = priceOrder([{ unitPriceCents: MAX_ORDER_CENTS, quantity: 1 }], {
      discountBps: 9_999,
    });
    expect(atMax.subtotalCents).toBe(MAX_ORDER_CENTS);
    expect(BigInt(atMax.discountCents)).toBe((BigInt(MAX_ORDER_CENTS) * 9_999n) / 10_000n);
    expectValidationError(() => priceOrder([{ unitPriceCents: 100_000_000, quantity: 22 }]));
  });

  it('refuses fractions, negatives, unsafe numbers and bad basis points', () => {
    expectValidationError(() => priceOrder([{ unitPriceCents: 1.5, quantity: 1 }]));
    expectValidationError(() => priceOrder([{ unitPriceCents: -100, quantity: 1 }]));
    expectValidationError(() => priceOrder([{ unitPriceCents: 100, quantity: -1 }]));
    expectValidationError(() => priceOrder([{ unitPriceCents: 100, quantity: 0.5 }]));
    expectValidationError(() => priceOrder([{ unitPriceCents: Number.NaN, quantity: 1 }]));
    expectValidationError(() => priceOrder([{ unitPriceCents: 2 ** 53, quantity: 1 }]));
    expectValidationError(() =>
      priceOrder([{ unitPriceCents: Number.MAX_SAFE_INTEGER, quantity: 2 }]),
    );
    expectValidationError(() => priceOrder([]));
    expectValidationError(() => priceOrder([{ unitPriceCents: 0, quantity: 3 }]));
    for (const discountBps of [-1, 10_001, 2.5, Number.NaN]) {
      expectValidationError(() =>
        priceOrder([{ unitPriceCents: 100, quantity: 1 }], { discountBps }),
      );
    }
  });
});

describe('formatCents', () => {
  it('writes two decimal places', () => {
    expect(formatCents(1234)).toBe('12.34');
    expect(formatCents(5)).toBe('0.05');
    expect(formatCents(50)).toBe('0.50');
    expect(formatCents(100)).toBe('1.00');
    expect(formatCents(0)).toBe('0.00');
    expect(formatCents(123_456_789_01)).toBe('123456789.01');
  });

  it('round-trips through the decimal string exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (cents) => {
        const s = formatCents(cents);
        expect(s).toMatch(/^(0|[1-9]\d*)\.\d\d$/);
        expect(BigInt(s.replace('.', ''))).toBe(BigInt(cents));
      }),
    );
  });

  it('refuses negative and fractional cents', () => {
    expectValidationError(() => formatCents(-1));
    expectValidationError(() => formatCents(1.5));
  });
});

describe('centsToBaseUnits', () => {
  it('converts cents to USDC base units (6 decimals)', () => {
    expect(centsToBaseUnits(1234, 6)).toBe(12_340_000n);
    expect(centsToBaseUnits(1, 6)).toBe(10_000n);
    expect(centsToBaseUnits(1234, 2)).toBe(1234n);
    expect(centsToBaseUnits(1234, 9)).toBe(12_340_000_000n);
    expect(centsToBaseUnits(1200, 0)).toBe(12n);
  });

  it('agrees with formatCents for any amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (cents) => {
        const [whole = '', frac = ''] = formatCents(cents).split('.');
        expect(centsToBaseUnits(cents, 6)).toBe(BigInt(`${whole}${frac}0000`));
      }),
    );
  });

  it('refuses conversions that would lose cents', () => {
    expectValidationError(() => centsToBaseUnits(1234, 0));
    expectValidationError(() => centsToBaseUnits(1234, -1));
    expectValidationError(() => centsToBaseUnits(-5, 6));
  });
});

describe('rewardPoints', () => {
  it('rounds down', () => {
    expect(rewardPoints(4499, 500)).toBe(224);
    expect(rewardPoints(19, 500)).toBe(0);
    expect(rewardPoints(10_000, 10_000)).toBe(10_000);
  });

  it('is floor(total × bps / 10000) for any input', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), bps, (total, b) => {
        expect(BigInt(rewardPoints(total, b))).toBe((BigInt(total) * BigInt(b)) / 10_000n);
      }),
    );
  });

  it('refuses bad input', () => {
    expectValidationError(() => rewardPoints(-1, 500));
    expectValidationError(() => rewardPoints(100, 10_001));
  });
});
