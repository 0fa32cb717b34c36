import { TRPCClientError } from '@puffy/client';
import { describe, expect, it } from 'vitest';
import { summaryLine } from './error-summary';
import {
  type CartProduct,
  type CheckoutForm,
  codesToCheck,
  countryError,
  EMPTY_FORM,
  shippingAddressOf,
  validateCheckout,
} from './form';
import { checkoutErrorsFrom, checkoutRefusalOf, codeCheckErrors } from './refusal';

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

  it('blocks a vape to CN by the server’s rule, naming countries, before any request', () => {
    const errors = validateCheckout({ ...filled, country: 'CN' }, [vape]);
    expect(errors.country).toMatch(/^Vapes cannot ship to China\. They ship to United States, /);
    expect(errors.country).not.toMatch(/\bCN\b/);
  });

  it('lets non-vape products ship to CN', () => {
    expect(validateCheckout({ ...filled, country: 'CN', ageConfirmed: false }, [device])).toEqual(
      {},
    );
  });

  it('before "Place order" says only the country rule; age and pass code wait for the submit', () => {
    const early = { ...filled, country: 'CN', ageConfirmed: false };
    expect(Object.keys(countryError(early, [vape, gated]))).toEqual(['country']);
    expect(countryError({ ...filled, ageConfirmed: false }, [vape])).toEqual({});
    const submitted = validateCheckout({ ...filled, ageConfirmed: false }, [vape, gated]);
    expect(submitted.ageConfirmed).toMatch(/Confirm that you are of legal age/);
    expect(submitted.passCode).toBe('Your cart has pass-holder products: enter your pass code.');
  });

  it('asks for the age confirmation only when the cart holds a vape', () => {
    expect(validateCheckout({ ...filled, ageConfirmed: false }, [device])).toEqual({});
    expect(validateCheckout({ ...filled, passCode: 'HOLDER-1' }, [gated])).toEqual({});
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

  it('asks the shop only about well-formed codes, as the API reads them', () => {
    expect(codesToCheck({ passCode: ' HOLDER-1 ', referralCode: 'abcd2345' })).toEqual({
      passCode: 'HOLDER-1',
      referralCode: 'ABCD2345',
    });
    expect(codesToCheck({ passCode: 'a b', referralCode: 'nope' })).toBeNull();
    expect(codesToCheck({ passCode: '', referralCode: '' })).toBeNull();
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
    ['PASS_CODE_EXHAUSTED', 'passCode', /used as many times as it allows/],
    ['PASS_CODE_INVALID', 'passCode', /no such pass code/],
    ['PASS_CODE_EXPIRED', 'passCode', /expired/],
    ['PASS_CODE_REQUIRED', 'passCode', /enter your pass code/],
    ['REFERRAL_CODE_INVALID', 'referralCode', /no such referral code/],
    ['REFERRAL_CODE_EXHAUSTED', 'referralCode', /no uses left/],
    ['SELF_REFERRAL', 'referralCode', /your own referral code/],
    ['OUT_OF_STOCK', 'items', /^Puffy One sold out/],
    ['PRODUCT_UNAVAILABLE', 'items', /can no longer be ordered/],
    ['COUNTRY_NOT_ELIGIBLE', 'country', /^Vapes cannot ship to China/],
    ['AGE_NOT_CONFIRMED', 'ageConfirmed', /legal age/],
  ] as const)('%s → %s', (reason, field, message) => {
    const err = clientError('refused', {
      code: 'CONFLICT',
      httpStatus: 409,
      reason,
      details: { productIds: ['p1'] },
    });
    const refusal = checkoutErrorsFrom(err, {
      productName: (id) => (id === 'p1' ? 'Puffy One' : undefined),
      country: 'CN',
    });
    expect(Object.keys(refusal.fields)).toEqual([field]);
    expect(refusal.fields[field]).toMatch(message);
    expect(refusal.form).toBeNull();
  });

  it('turns the open-order cap into what to do, with a link to the orders', () => {
    const err = clientError('too many', {
      httpStatus: 412,
      reason: 'TOO_MANY_OPEN_ORDERS',
      details: { maxOpenOrders: 3 },
    });
    expect(checkoutErrorsFrom(err)).toEqual({
      fields: {},
      form: {
        text: 'You have 3 unpaid orders — pay or cancel one before placing another.',
        link: { href: '/orders', label: 'Your orders' },
      },
    });
  });

  it('puts validation issues on the field their path names', () => {
    expect(
      checkoutRefusalOf({
        reason: 'VALIDATION_FAILED',
        message: 'bad',
        issues: [
          { path: ['shippingAddress', 'postalCode'], message: 'expected a postal code' },
          { path: ['referralCode'], message: 'expected 8 characters' },
          { path: ['somethingElse'], message: 'unknown key' },
        ],
      }),
    ).toEqual({
      fields: { postalCode: 'Expected a postal code', referralCode: 'Expected 8 characters' },
      form: { text: 'Unknown key' },
    });
  });

  it('says an outage is on the shop’s side, and never leaves the buyer without a way on', () => {
    expect(checkoutErrorsFrom(new Error('socket hang up')).form?.text).toMatch(/Try again/);
    expect(
      checkoutErrorsFrom(clientError('down', { httpStatus: 503, reason: 'DEPENDENCY_UNAVAILABLE' }))
        .form?.text,
    ).toMatch(/try again in a minute/);
  });
});

describe('code.check verdicts', () => {
  it('report a wrong pass code and a wrong referral code together', () => {
    expect(
      codeCheckErrors({
        passCode: { accepted: false, refusal: 'PASS_CODE_INVALID' },
        referralCode: { accepted: false, refusal: 'SELF_REFERRAL', discountBps: null },
      }),
    ).toEqual({
      passCode: expect.stringMatching(/no such pass code/),
      referralCode: expect.stringMatching(/your own referral code/),
    });
    expect(
      codeCheckErrors({
        passCode: { accepted: true, refusal: null },
        referralCode: null,
      }),
    ).toEqual({});
  });
});

describe('the error summary’s lines', () => {
  it('name the field only when the message does not', () => {
    expect(summaryLine('name', 'Full name is required')).toBe('Full name is required');
    expect(summaryLine('email', 'Invalid email address')).toBe('Invalid email address');
    expect(summaryLine('referralCode', 'Expected 8 characters of A-Z')).toBe(
      'Referral code: Expected 8 characters of A-Z',
    );
    expect(summaryLine('ageConfirmed', 'Confirm that you are of legal age')).toBe(
      'Confirm that you are of legal age',
    );
    expect(summaryLine('phone', 'Expected a phone number')).toBe('Expected a phone number');
  });
});
