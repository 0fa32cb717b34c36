import type { ProductCategory } from './schemas/product';

/**
 * Where vapes may ship. An allowlist on purpose: the old service kept a blocklist, so every
 * country nobody had thought about was silently allowed. A new market is opened here, in code.
 */
export const VAPE_ELIGIBLE_COUNTRIES = ['US', 'CA', 'GB', 'DE', 'FR', 'AU', 'JP'] as const;
export type VapeEligibleCountry = (typeof VAPE_ELIGIBLE_COUNTRIES)[number];

const VAPE_COUNTRY_SET: ReadonlySet<string> = new Set(VAPE_ELIGIBLE_COUNTRIES);

/** Case-insensitive ('us' is fine), but otherwise exact: no trimming, no aliases such as 'UK'. */
export function isVapeEligibleCountry(country: string): boolean {
  return typeof country === 'string' && VAPE_COUNTRY_SET.has(country.toUpperCase());
}

export type EligibilityViolation = {
  reason: 'COUNTRY_NOT_ELIGIBLE' | 'AGE_NOT_CONFIRMED';
  message: string;
  productIds: string[];
};

/** Categories restricted by law; everything else ships to any valid country. */
const AGE_RESTRICTED_CATEGORIES: ReadonlySet<ProductCategory> = new Set(['VAPE']);

/**
 * Every rule the cart breaks for this address (empty = may be ordered). All violations are
 * returned, not just the first, so a storefront can explain everything at once.
 */
export function checkEligibility(
  items: ReadonlyArray<{ productId: string; category: ProductCategory }>,
  address: { country: string },
  ageConfirmed: boolean | undefined,
): EligibilityViolation[] {
  const restricted = items
    .filter((item) => AGE_RESTRICTED_CATEGORIES.has(item.category))
    .map((item) => item.productId);
  if (restricted.length === 0) return [];

  const violations: EligibilityViolation[] = [];
  if (!isVapeEligibleCountry(address.country)) {
    const allowed = VAPE_ELIGIBLE_COUNTRIES.join(', ');
    violations.push({
      reason: 'COUNTRY_NOT_ELIGIBLE',
      message: `vape products cannot ship to ${address.country}; they ship only to ${allowed}`,
      productIds: restricted,
    });
  }
  // Only an explicit `true` counts: a missing answer is not an attestation of legal age.
  if (ageConfirmed !== true) {
    violations.push({
      reason: 'AGE_NOT_CONFIRMED',
      message: 'vape products require confirming you are of legal age',
      productIds: [...restricted],
    });
  }
  return violations;
}
