import { describe, expect, it } from 'vitest';
import { DomainError, ERROR_REASONS, isDomainError, isErrorReason } from './errors';

const REQUIRED = [
  'SIGNATURE_INVALID',
  'SESSION_EXPIRED',
  'SESSION_NOT_FOUND',
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'TOKEN_REVOKED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'PASS_CODE_INVALID',
  'PASS_CODE_EXPIRED',
  'PASS_CODE_EXHAUSTED',
  'PASS_CODE_REQUIRED',
  'PASS_CODE_TAKEN',
  'REFERRAL_CODE_INVALID',
  'REFERRAL_CODE_EXHAUSTED',
  'SELF_REFERRAL',
  'COUNTRY_NOT_ELIGIBLE',
  'AGE_NOT_CONFIRMED',
  'OUT_OF_STOCK',
  'PRODUCT_UNAVAILABLE',
  'DUPLICATE_PRODUCT',
  'INVALID_TRANSITION',
  'TRACKING_NUMBER_REQUIRED',
  'ORDER_NOT_FOUND',
  'PRODUCT_NOT_FOUND',
  'USER_NOT_FOUND',
  'IDEMPOTENCY_KEY_REUSED',
  'TWITTER_ALREADY_LINKED',
  'TWITTER_NOT_CONFIGURED',
  'TWITTER_STATE_INVALID',
  'TWITTER_EXCHANGE_FAILED',
  'TWITTER_NOT_LINKED',
  'INVALID_CURSOR',
  'VALIDATION_FAILED',
  'DEPENDENCY_UNAVAILABLE',
  'INTERNAL',
];

describe('error reasons', () => {
  it('lists every reason the API contract names, each once', () => {
    for (const r of REQUIRED) expect(ERROR_REASONS, r).toContain(r);
    expect(new Set(ERROR_REASONS).size).toBe(ERROR_REASONS.length);
  });

  it('recognises reasons and nothing else', () => {
    expect(isErrorReason('OUT_OF_STOCK')).toBe(true);
    expect(isErrorReason('out_of_stock')).toBe(false);
    expect(isErrorReason('toString')).toBe(false);
    expect(isErrorReason(42)).toBe(false);
  });
});

describe('DomainError', () => {
  it('carries its reason, message and a frozen copy of its details', () => {
    const details = { productId: 'p1' };
    const e = new DomainError('OUT_OF_STOCK', 'sold out', details);
    details.productId = 'changed';
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('DomainError');
    expect(e.reason).toBe('OUT_OF_STOCK');
    expect(e.message).toBe('sold out');
    expect(e.details).toEqual({ productId: 'p1' });
    expect(Object.isFrozen(e.details)).toBe(true);
    expect(new DomainError('INTERNAL', 'x').details).toBeUndefined();
  });

  it('keeps the cause', () => {
    const cause = new Error('db down');
    expect(new DomainError('DEPENDENCY_UNAVAILABLE', 'later', undefined, { cause }).cause).toBe(
      cause,
    );
  });

  it('is recognised by isDomainError, also as a copy from another bundle', () => {
    expect(isDomainError(new DomainError('FORBIDDEN', 'no'))).toBe(true);
    const lookalike = Object.assign(new Error('no'), { name: 'DomainError', reason: 'FORBIDDEN' });
    expect(isDomainError(lookalike)).toBe(true);
    const wrongReason = Object.assign(new Error('no'), { name: 'DomainError', reason: 'NOPE' });
    expect(isDomainError(wrongReason)).toBe(false);
    expect(isDomainError(new Error('plain'))).toBe(false);
    expect(isDomainError({ name: 'DomainError', reason: 'FORBIDDEN' })).toBe(false);
    expect(isDomainError(null)).toBe(false);
  });
});
