import { describe, expect, it } from 'vitest';
import {
  buyerMessageFor,
  formatUsdc,
  planResolution,
  reviewAfterTransfer,
} from './resolution-policy';
import { reviewReason } from './review-wording';

const U = (usdc: number) => BigInt(Math.round(usdc * 1_000_000));

describe('planResolution: what each resolution does', () => {
  const cases = [
    // resolution, order, received, expected → move, accepted, payment status, refund max
    ['refunded', 'NEW', U(99), U(100), 'CANCELLED', null, null, U(99)],
    ['refunded', 'PAID', U(100), U(100), 'REFUNDED', null, null, U(100)],
    ['refunded', 'CONFIRMED', U(105), U(100), 'REFUNDED', null, null, U(105)],
    ['refunded', 'CANCELLED', U(10), U(100), null, null, null, U(10)],
    ['refunded', 'SHIPPED', U(105), U(100), null, null, null, U(105)],
    ['accepted', 'NEW', U(99), U(100), 'PAID', U(99), 'seen', null],
    ['accepted', 'CONFIRMED', U(105), U(100), null, null, null, null],
    ['change_returned', 'CONFIRMED', U(105), U(100), null, null, null, U(5)],
    ['change_returned', 'PAID', U(103), U(100), null, null, null, U(3)],
    ['dismissed', 'NEW', U(1), U(100), null, null, null, null],
  ] as const;
  it.each(cases)(
    '%s on %s (received %s of %s)',
    (resolution, orderStatus, received, expected, moveTo, accepted, status, max) => {
      const plan = planResolution({ resolution, orderStatus, received, expected });
      expect(plan).toMatchObject({
        ok: true,
        moveTo,
        acceptedBaseUnits: accepted,
        paymentStatus: status,
      });
      if (plan.ok) expect(plan.refund?.max ?? null).toBe(max);
    },
  );

  it('refuses change with no surplus, and accepting money that never came', () => {
    expect(
      planResolution({
        resolution: 'change_returned',
        orderStatus: 'NEW',
        received: U(99),
        expected: U(100),
      }),
    ).toMatchObject({ ok: false, reason: 'NO_CHANGE_TO_RETURN' });
    expect(
      planResolution({
        resolution: 'accepted',
        orderStatus: 'NEW',
        received: 0n,
        expected: U(100),
      }),
    ).toMatchObject({ ok: false, reason: 'NOTHING_TO_ACCEPT' });
  });

  it('returned change must name its transaction; a refund may', () => {
    const change = planResolution({
      resolution: 'change_returned',
      orderStatus: 'PAID',
      received: U(101),
      expected: U(100),
    });
    const refund = planResolution({
      resolution: 'refunded',
      orderStatus: 'PAID',
      received: U(100),
      expected: U(100),
    });
    expect(change.ok && change.refund?.required).toBe(true);
    expect(refund.ok && refund.refund?.required).toBe(false);
  });
});

describe('reviewAfterTransfer: what opens a review item', () => {
  const dust = 10_000n;
  const run = (
    settlement: {
      status: 'seen' | 'overpaid' | 'underpaid' | 'late';
      movesToPaid: boolean;
      needsReview: boolean;
    },
    previousStatus: 'pending' | 'seen' | 'overpaid' | 'underpaid' | 'late' | 'finalized',
    amount: bigint,
    received: bigint,
    expected = U(10),
  ) => reviewAfterTransfer({ settlement, previousStatus, amount, received, expected, dust });

  it.each([
    [
      'exact payment',
      { status: 'seen', movesToPaid: true, needsReview: false },
      'pending',
      U(10),
      U(10),
      'seen',
      false,
    ],
    [
      'surplus below dust',
      { status: 'overpaid', movesToPaid: true, needsReview: true },
      'pending',
      U(10) + 9_999n,
      U(10) + 9_999n,
      'seen',
      false,
    ],
    [
      'surplus at dust',
      { status: 'overpaid', movesToPaid: true, needsReview: true },
      'pending',
      U(10) + dust,
      U(10) + dust,
      'overpaid',
      true,
    ],
    [
      '1 unit on a confirmed order',
      { status: 'overpaid', movesToPaid: false, needsReview: true },
      'finalized',
      1n,
      U(10) + 1n,
      'finalized',
      false,
    ],
    [
      'real money on a paid order',
      { status: 'overpaid', movesToPaid: false, needsReview: true },
      'seen',
      U(1),
      U(11),
      'overpaid',
      true,
    ],
    [
      '1 unit late',
      { status: 'late', movesToPaid: false, needsReview: true },
      'pending',
      1n,
      1n,
      'pending',
      false,
    ],
    [
      'real money late',
      { status: 'late', movesToPaid: false, needsReview: true },
      'pending',
      U(10),
      U(10),
      'late',
      true,
    ],
    [
      'a first shortfall, however small',
      { status: 'underpaid', movesToPaid: false, needsReview: true },
      'pending',
      1n,
      1n,
      'underpaid',
      true,
    ],
    [
      'dust on a reviewed shortfall',
      { status: 'underpaid', movesToPaid: false, needsReview: true },
      'underpaid',
      1n,
      U(5) + 1n,
      'underpaid',
      false,
    ],
  ] as const)('%s', (_name, settlement, previous, amount, received, status, opens) => {
    expect(run(settlement, previous, amount, received)).toEqual({ status, opensReview: opens });
  });
});

describe('words', () => {
  it('formats USDC base units for a buyer', () => {
    expect(formatUsdc(12_340_000n)).toBe('12.34 USDC');
    expect(formatUsdc(1n)).toBe('0.000001 USDC');
    expect(formatUsdc(5_000_000n)).toBe('5.00 USDC');
  });

  it('tells the buyer what a resolution did', () => {
    expect(buyerMessageFor({ resolution: 'refunded', moveTo: 'CANCELLED', amount: U(12.34) })).toBe(
      'Refunded 12.34 USDC; the order is cancelled',
    );
    expect(buyerMessageFor({ resolution: 'refunded', moveTo: 'REFUNDED', amount: null })).toBe(
      'Refunded',
    );
    expect(buyerMessageFor({ resolution: 'accepted', moveTo: 'PAID', amount: U(9.9) })).toBe(
      'Payment of 9.90 USDC accepted; the order is paid',
    );
  });

  it('explains a review item with its running totals', () => {
    expect(
      reviewReason({
        paymentStatus: 'overpaid',
        orderStatus: 'CONFIRMED',
        writtenReason: null,
        received: U(10.5),
        expected: U(10),
      }),
    ).toBe(
      'more than the amount arrived (received 10.50 USDC of 10.00 USDC): return the change of 0.50 USDC',
    );
    expect(
      reviewReason({
        paymentStatus: 'late',
        orderStatus: 'CANCELLED',
        writtenReason: 'why',
        received: 1n,
        expected: U(10),
      }),
    ).toBe('why');
  });
});
