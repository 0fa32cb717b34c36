import { TRPCClientError } from '@puffy/client';
import { describe, expect, it } from 'vitest';
import {
  type CartProduct,
  type CheckoutForm,
  checkoutErrorsFrom,
  EMPTY_FORM,
  eligibilityErrors,
  fieldErrorsFromRefusal,
  shippingAddressOf,
  validateCheckout,
} from './form';

const vape: CartProduct = { productId: 'v', category: 'VAPE', passRequired: false };
const device: CartProduct = { productId: 'd', category: 'DEVICE', passRequired: false };
const gated: CartProduct = { productId: 'g', category: 'MERCH', passRequired: true };

const filled: CheckoutForm = {
  ...EMPTY_FORM,
  name: 'Ada Buyer',
  email: 'ada@example.com',
  line1: '1 Cloud Street',
  city: 'Springfield',
  postalCode: '12345',
  country: 'US',
  ageConfirmed: true,
};

/** A failed call as the tRPC client raises it, with the server's error data. */
function clientError(message: string, data: Record<string, unknown>) {
  return TRPCClientError.from({ error: { message, code: -32600, data } });
}

describe('checkout form validation', () => {
  it('accepts a complete US address for a vape with age confirmed', () => {
    expect(validateCheckout(filled, [vape])).toEqual({});
  });

  it('refuses a malformed referral code naming the real alphabet, as the server does', () => {
    const errors = validateCheckout({ ...filled, referralCode: 'ABCDEFGI' }, [device]);
    expect(errors.referralCode).toBe('Expected 8 characters of A-Z and 0-9 except I, O, 0 and 1');
  });

  it('blocks a vape to CN with the server’s own reason, before any request', () => {
    const errors = validateCheckout({ ...filled, country: 'CN' }, [vape]);
    expect(errors.country).toBe(
      'Vape products cannot ship to CN; they ship only to US, CA, GB, DE, FR, AU, JP',
    );
  });

  it('lets non-vape products ship to CN', () => {
    expect(validateCheckout({ ...filled, country: 'CN', ageConfirmed: false }, [device])).toEqual(
      {},
    );
  });

  it('asks for the age confirmation only when the cart holds a vape', () => {
    const form = { ...filled, ageConfirmed: false };
    expect(eligibilityErrors(form, [vape]).ageConfirmed).toBe(
      'Vape products require confirming you are of legal age',
    );
    expect(eligibilityErrors(form, [device])).toEqual({});
  });

  it('says a pass code is needed for pass-only products', () => {
    expect(eligibilityErrors(filled, [gated]).passCode).toBe(
      'A pass code is required for this order',
    );
    expect(eligibilityErrors({ ...filled, passCode: 'HOLDER-1' }, [gated])).toEqual({});
  });

  it('names each missing required field, and checks formats with core’s schema', () => {
    const errors = validateCheckout({ ...EMPTY_FORM, email: 'not-an-email' }, [device]);
    expect(errors.name).toBe('Full name is required');
    expect(errors.postalCode).toBe('Postal code is required');
    expect(errors.country).toBe('Country is required');
    expect(errors.email).toMatch(/email/i);
    expect(errors.phone).toBeUndefined();
    expect(validateCheckout({ ...filled, postalCode: '12$45' }, [device]).postalCode).toBe(
      'Expected a postal code',
    );
  });

  it('checks code formats before sending them', () => {
    const errors = validateCheckout({ ...filled, passCode: 'a b', referralCode: 'nope' }, [device]);
    expect(errors.passCode).toMatch(/pass code/);
    expect(errors.referralCode).toMatch(/8 characters/);
  });

  it('refuses an empty cart', () => {
    expect(validateCheckout(filled, []).items).toBe('Your cart is empty');
  });

  it('leaves blank optional fields out of the address it sends', () => {
    expect(shippingAddressOf({ ...filled, country: 'us' })).toEqual({
      name: 'Ada Buyer',
      email: 'ada@example.com',
      line1: '1 Cloud Street',
      city: 'Springfield',
      postalCode: '12345',
      country: 'US',
    });
  });
});

describe('server refusals become messages on the right field', () => {
  it.each([
    ['PASS_CODE_EXHAUSTED', 'passCode', 'This pass code has no uses left'],
    ['PASS_CODE_INVALID', 'passCode', 'This pass code does not exist'],
    ['PASS_CODE_EXPIRED', 'passCode', 'This pass code has expired'],
    ['PASS_CODE_REQUIRED', 'passCode', 'A pass code is required for this order'],
    ['REFERRAL_CODE_INVALID', 'referralCode', 'This referral code does not exist'],
    ['SELF_REFERRAL', 'referralCode', 'You cannot use your own referral code'],
    ['OUT_OF_STOCK', 'items', 'Puffy One is out of stock'],
    ['COUNTRY_NOT_ELIGIBLE', 'country', 'Vape products cannot ship to CN'],
  ] as const)('%s → %s', (reason, field, message) => {
    const err = clientError(
      reason === 'OUT_OF_STOCK'
        ? 'Puffy One is out of stock'
        : reason === 'COUNTRY_NOT_ELIGIBLE'
          ? 'vape products cannot ship to CN'
          : 'refused',
      { code: 'CONFLICT', httpStatus: 409, reason },
    );
    expect(checkoutErrorsFrom(err)).toEqual({ [field]: message });
  });

  it('puts validation issues on the field their path names', () => {
    expect(
      fieldErrorsFromRefusal({
        reason: 'VALIDATION_FAILED',
        message: 'bad',
        issues: [
          { path: ['shippingAddress', 'postalCode'], message: 'expected a postal code' },
          { path: ['referralCode'], message: 'expected 8 characters' },
          { path: ['somethingElse'], message: 'unknown key' },
        ],
      }),
    ).toEqual({
      postalCode: 'Expected a postal code',
      referralCode: 'Expected 8 characters',
      form: 'Unknown key',
    });
  });

  it('falls back to a form-level message for anything unknown', () => {
    expect(checkoutErrorsFrom(new Error('socket hang up'))).toEqual({
      form: 'The order could not be placed. Please try again.',
    });
  });
});
