import { encodeSolanaSignature, TRPCClientError } from '@puffy/client';
import { describe, expect, it } from 'vitest';
import { usdc } from '../lib/money';
import {
  confirmationOf,
  EMPTY_RESOLVE_FORM,
  type ResolveForm,
  resolutionsFor,
  resolveErrorsFrom,
  resolveErrorsFromRefusal,
  resolveInputOf,
  showsRefundSignature,
  validateResolve,
} from './resolve-form';

const ID = '7b0c5a3e-2f4d-4c1b-9a8e-1d2c3b4a5f60';
const SIGNATURE = encodeSolanaSignature(new Uint8Array(64).fill(7));
const dismiss: ResolveForm = { ...EMPTY_RESOLVE_FORM, resolution: 'dismissed', note: 'Test order' };

function clientError(message: string, data: Record<string, unknown>) {
  return TRPCClientError.from({ error: { message, code: -32600, data } });
}

describe('resolve payment form validation (core’s AdminPaymentResolveInput)', () => {
  it('offers "change returned" only on items where more than the price arrived', () => {
    expect(resolutionsFor({ overpaidBaseUnits: 0n })).not.toContain('change_returned');
    expect(resolutionsFor({ overpaidBaseUnits: 300_000n })).toContain('change_returned');
  });

  it('returned change must name its transaction, checked by core’s schema', () => {
    const change: ResolveForm = {
      resolution: 'change_returned',
      note: 'Sent back',
      refundSignature: '',
    };
    expect(showsRefundSignature(change)).toBe(true);
    expect(validateResolve(ID, change)).toEqual({
      refundSignature: 'Name the transaction that sent the change back',
    });
    expect(validateResolve(ID, { ...change, refundSignature: SIGNATURE })).toEqual({});
    expect(resolveInputOf(ID, { ...change, refundSignature: SIGNATURE })).toMatchObject({
      resolution: 'change_returned',
      refundSignature: SIGNATURE,
    });
  });

  it('puts the chain’s refusals of a refund signature on the signature field', () => {
    for (const reason of [
      'REFUND_NOT_FOUND',
      'REFUND_SIGNATURE_USED',
      'REFUND_TOO_LARGE',
    ] as const) {
      expect(resolveErrorsFromRefusal({ reason, issues: [], message: 'no' })).toHaveProperty(
        'refundSignature',
      );
    }
  });

  it('accepts a dismissal with a note', () => {
    expect(validateResolve(ID, dismiss)).toEqual({});
    expect(resolveInputOf(ID, dismiss)).toEqual({
      id: ID,
      resolution: 'dismissed',
      note: 'Test order',
    });
  });

  it('requires a note, and keeps it within 1000 characters', () => {
    expect(validateResolve(ID, { ...dismiss, note: '   ' })).toEqual({
      note: 'Say why in a note, for the history',
    });
    expect(validateResolve(ID, { ...dismiss, note: 'x'.repeat(1001) })).toEqual({
      note: 'A note has at most 1000 characters',
    });
  });

  it('shows and sends the refund signature only with "refunded"', () => {
    expect(showsRefundSignature({ resolution: 'refunded' })).toBe(true);
    expect(showsRefundSignature({ resolution: 'accepted' })).toBe(false);
    expect(showsRefundSignature({ resolution: 'dismissed' })).toBe(false);
    const refund: ResolveForm = {
      resolution: 'refunded',
      note: 'Sent back',
      refundSignature: SIGNATURE,
    };
    expect(resolveInputOf(ID, refund).refundSignature).toBe(SIGNATURE);
    expect(validateResolve(ID, refund)).toEqual({});
    // A signature typed before switching away from "refunded" is not sent.
    const accepted = { ...refund, resolution: 'accepted' as const };
    expect(resolveInputOf(ID, accepted)).not.toHaveProperty('refundSignature');
    expect(validateResolve(ID, accepted)).toEqual({});
  });

  it('lets a refund leave its signature out, but checks one that is given', () => {
    expect(validateResolve(ID, { resolution: 'refunded', note: 'n', refundSignature: '' })).toEqual(
      {},
    );
    expect(
      validateResolve(ID, { resolution: 'refunded', note: 'n', refundSignature: 'not-a-sig' }),
    ).toEqual({ refundSignature: 'Expected a Solana transaction signature (base58, 64 bytes)' });
  });
});

describe('resolve refusals become messages on the right field', () => {
  it.each([
    ['PAYMENT_NOT_IN_REVIEW', 'PRECONDITION_FAILED', 'form', /no longer needs review/],
    ['PAYMENT_NOT_FOUND', 'NOT_FOUND', 'form', /no longer exists/],
    ['INVALID_TRANSITION', 'PRECONDITION_FAILED', 'resolution', /no longer allows this resolution/],
    ['FORBIDDEN', 'FORBIDDEN', 'form', /Only admins/],
  ] as const)('%s → %s on %s', (reason, code, field, message) => {
    const errors = resolveErrorsFrom(clientError('refused', { code, httpStatus: 412, reason }));
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field]).toMatch(message);
  });

  it('puts validation issues on the field their path names', () => {
    expect(
      resolveErrorsFromRefusal({
        reason: 'VALIDATION_FAILED',
        message: 'bad',
        issues: [
          { path: ['refundSignature'], message: 'only a refund names a refund transaction' },
          { path: ['id'], message: 'invalid uuid' },
        ],
      }),
    ).toEqual({
      refundSignature: 'Only a refund names a refund transaction',
      form: 'Invalid uuid',
    });
  });

  it('falls back to a form-level message for anything unknown', () => {
    expect(resolveErrorsFrom(new Error('socket hang up'))).toEqual({
      form: 'The payment could not be resolved. Please try again.',
    });
  });
});

describe('USDC amounts', () => {
  it('shows base units (6 decimals) exactly', () => {
    expect(usdc(14_990_000n)).toBe('14.99 USDC');
    expect(usdc(7_495_000n)).toBe('7.495 USDC');
    expect(usdc(1n)).toBe('0.000001 USDC');
    expect(usdc(0n)).toBe('0.00 USDC');
    expect(usdc(1_234_000_000n)).toBe('1,234.00 USDC');
  });
});

describe('money decisions are asked twice', () => {
  it('asks before a refund or an acceptance, not before a dismissal', () => {
    expect(confirmationOf('refunded')).toMatch(/refunded\?/);
    expect(confirmationOf('accepted')).toMatch(/^Accept this payment/);
    expect(confirmationOf('dismissed')).toBeNull();
  });
});
