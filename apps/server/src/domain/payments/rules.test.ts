import { describe, expect, it } from 'vitest';
import { decideFinality, nextMissingSince, settle } from './rules';

const at = (ms: number) => new Date(1_700_000_000_000 + ms);

describe('settle: payments add up across transfers', () => {
  it('pays a NEW order once the sum reaches the amount, flagging any surplus', () => {
    expect(settle({ orderStatus: 'NEW', amount: 10n, received: 5n })).toMatchObject({
      status: 'underpaid',
      movesToPaid: false,
    });
    expect(settle({ orderStatus: 'NEW', amount: 10n, received: 10n })).toMatchObject({
      status: 'seen',
      movesToPaid: true,
      needsReview: false,
    });
    expect(settle({ orderStatus: 'NEW', amount: 10n, received: 15n })).toMatchObject({
      status: 'overpaid',
      movesToPaid: true,
      needsReview: true,
    });
  });

  it('money for an order that is over is late; extra money on a paid one is overpaid', () => {
    for (const orderStatus of ['CANCELLED', 'EXPIRED'] as const) {
      expect(settle({ orderStatus, amount: 10n, received: 10n })).toMatchObject({
        status: 'late',
        movesToPaid: false,
        needsReview: true,
      });
    }
    expect(settle({ orderStatus: 'PAID', amount: 10n, received: 12n })).toMatchObject({
      status: 'overpaid',
      movesToPaid: false,
    });
  });
});

describe('decideFinality: drops need continuous absence', () => {
  const graceMs = 120_000;
  const transfer = (state: 'finalized' | 'confirmed' | 'missing', missingSince: Date | null) => ({
    signature: `s-${state}-${missingSince?.getTime() ?? 'never'}`,
    amount: 5n,
    state,
    missingSince,
  });

  it('confirms once finalized transfers cover the amount', () => {
    const t = [transfer('finalized', null), transfer('finalized', null)];
    expect(decideFinality({ amount: 10n, transfers: t, now: at(0), graceMs }).kind).toBe('confirm');
    const half = [transfer('finalized', null), transfer('confirmed', null)];
    expect(decideFinality({ amount: 10n, transfers: half, now: at(0), graceMs }).kind).toBe('wait');
  });

  it('waits while a needed transfer has been missing for less than the grace period', () => {
    const t = [transfer('missing', at(0)), transfer('confirmed', null)];
    expect(decideFinality({ amount: 10n, transfers: t, now: at(graceMs - 1), graceMs }).kind).toBe(
      'wait',
    );
    expect(decideFinality({ amount: 10n, transfers: t, now: at(graceMs), graceMs })).toEqual({
      kind: 'verify-drop',
      signatures: [t[0]?.signature],
    });
  });

  it('ignores a long-missing transfer the rest can do without (an extra overpayment)', () => {
    const t = [transfer('missing', at(0)), transfer('confirmed', null)];
    expect(decideFinality({ amount: 5n, transfers: t, now: at(10 * graceMs), graceMs }).kind).toBe(
      'wait',
    );
  });

  it('measures absence from when it went missing, resetting when seen again', () => {
    expect(nextMissingSince('missing', null, at(5))).toEqual(at(5));
    expect(nextMissingSince('missing', at(1), at(5))).toEqual(at(1));
    expect(nextMissingSince('confirmed', at(1), at(5))).toBeNull();
  });
});
