import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES } from './countries';
import { checkEligibility, isVapeEligibleCountry, VAPE_ELIGIBLE_COUNTRIES } from './eligibility';
import { PRODUCT_CATEGORIES, type ProductCategory } from './schemas/product';

const vape = { productId: 'vape-1', category: 'VAPE' as const };
const merch = { productId: 'merch-1', category: 'MERCH' as const };
const device = { productId: 'device-1', category: 'DEVICE' as const };

describe('vape allowlist', () => {
  it('is exactly US, CA, GB, DE, FR, AU, JP', () => {
    expect([...VAPE_ELIGIBLE_COUNTRIES].sort()).toEqual(['AU', 'CA', 'DE', 'FR', 'GB', 'JP', 'US']);
  });

  it.each(VAPE_ELIGIBLE_COUNTRIES)('lets a vape ship to %s with age confirmed', (country) => {
    expect(checkEligibility([vape, merch], { country }, true)).toEqual([]);
    expect(checkEligibility([vape], { country: country.toLowerCase() }, true)).toEqual([]);
    expect(isVapeEligibleCountry(country.toLowerCase())).toBe(true);
  });

  it('refuses every other ISO country (an allowlist, not a blocklist)', () => {
    const others = COUNTRY_CODES.filter(
      (c) => !(VAPE_ELIGIBLE_COUNTRIES as readonly string[]).includes(c),
    );
    expect(others.length).toBe(COUNTRY_CODES.length - VAPE_ELIGIBLE_COUNTRIES.length);
    for (const country of others) {
      const v = checkEligibility([vape], { country }, true);
      expect(v, country).toHaveLength(1);
      expect(v[0]?.reason).toBe('COUNTRY_NOT_ELIGIBLE');
    }
  });

  it('refuses NL and names the vape items and the country', () => {
    const v = checkEligibility([merch, vape], { country: 'NL' }, true);
    expect(v).toEqual([
      {
        reason: 'COUNTRY_NOT_ELIGIBLE',
        message: expect.stringContaining('NL'),
        productIds: ['vape-1'],
      },
    ]);
  });

  it('refuses unknown and alias spellings', () => {
    for (const country of ['UK', 'USA', 'XX', '', ' US']) {
      expect(isVapeEligibleCountry(country), country).toBe(false);
    }
  });
});

describe('age attestation', () => {
  it('requires ageConfirmed === true for a vape', () => {
    for (const ageConfirmed of [undefined, false]) {
      const v = checkEligibility([vape], { country: 'US' }, ageConfirmed);
      expect(v.map((x) => x.reason)).toEqual(['AGE_NOT_CONFIRMED']);
      expect(v[0]?.productIds).toEqual(['vape-1']);
    }
  });

  it('reports both problems at once', () => {
    const v = checkEligibility([vape], { country: 'NL' }, undefined);
    expect(v.map((x) => x.reason).sort()).toEqual(['AGE_NOT_CONFIRMED', 'COUNTRY_NOT_ELIGIBLE']);
  });
});

describe('carts without vapes', () => {
  it('ship anywhere without an age attestation', () => {
    const nonVape = PRODUCT_CATEGORIES.filter(
      (c): c is Exclude<ProductCategory, 'VAPE'> => c !== 'VAPE',
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ productId: fc.uuid(), category: fc.constantFrom(...nonVape) }), {
          maxLength: 20,
        }),
        fc.constantFrom(...COUNTRY_CODES),
        fc.constantFrom(undefined, false, true),
        (items, country, age) => {
          expect(checkEligibility(items, { country }, age)).toEqual([]);
        },
      ),
    );
    expect(checkEligibility([device, merch], { country: 'NL' }, undefined)).toEqual([]);
  });

  it('any cart with a vape is refused outside the allowlist', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(vape, merch, device), { minLength: 1, maxLength: 10 }),
        fc.constantFrom(...COUNTRY_CODES),
        (items, country) => {
          const hasVape = items.some((i) => i.category === 'VAPE');
          const ok = checkEligibility(items, { country }, true).length === 0;
          expect(ok).toBe(!hasVape || isVapeEligibleCountry(country));
        },
      ),
    );
  });
});
