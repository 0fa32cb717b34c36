import { DomainError } from './errors';

/** 5 %: the referral discount when `REFERRAL_DISCOUNT_BPS` is not set. */
export const DEFAULT_REFERRAL_DISCOUNT_BPS = 500;
/** 5 %: the referrer's reward when `REFERRAL_REWARD_BPS` is not set. */
export const DEFAULT_REFERRAL_REWARD_BPS = 500;
export const BPS_DENOMINATOR = 10_000;

export type PricedLine = { unitPriceCents: number; quantity: number };
export type OrderPrice = { subtotalCents: number; discountCents: number; totalCents: number };

function requireCount(name: string, value: number): bigint {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new DomainError('VALIDATION_FAILED', `${name} must be a non-negative integer`, {
      [name]: value,
    });
  }
  return BigInt(value);
}

function requireBps(name: string, bps: number): bigint {
  if (!Number.isInteger(bps) || bps < 0 || bps > BPS_DENOMINATOR) {
    throw new DomainError('VALIDATION_FAILED', `${name} must be an integer from 0 to 10000`, {
      [name]: bps,
    });
  }
  return BigInt(bps);
}

function toSafeNumber(name: string, value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new DomainError('VALIDATION_FAILED', `${name} is too large to represent exactly`);
  }
  return Number(value);
}

/** floor(amount × bps / 10000), exact: BigInt because amount × bps can pass 2^53. */
function applyBps(amount: bigint, bps: bigint): bigint {
  return (amount * bps) / BigInt(BPS_DENOMINATOR);
}

/**
 * Subtotal, referral discount and total of an order, in integer cents. Prices come from the
 * database, never the client. The discount rounds down (the shop never gives away a fraction
 * of a cent) and never takes the total below one cent, since a zero-amount payment request
 * could never be told apart from no payment at all.
 */
/** Order amounts are stored as 32-bit integers of cents. */
export const MAX_ORDER_CENTS = 2 ** 31 - 1;

export function priceOrder(
  lines: ReadonlyArray<PricedLine>,
  referral?: { discountBps: number },
): OrderPrice {
  let subtotal = 0n;
  for (const line of lines) {
    subtotal +=
      requireCount('unitPriceCents', line.unitPriceCents) * requireCount('quantity', line.quantity);
  }
  if (subtotal < 1n) {
    throw new DomainError('VALIDATION_FAILED', 'an order must cost at least one cent');
  }
  if (subtotal > BigInt(MAX_ORDER_CENTS)) {
    throw new DomainError('VALIDATION_FAILED', 'an order may cost at most $21,474,836.47', {
      maxCents: MAX_ORDER_CENTS,
    });
  }
  const subtotalCents = toSafeNumber('subtotalCents', subtotal);
  let discount = referral
    ? applyBps(subtotal, requireBps('discountBps', referral.discountBps))
    : 0n;
  if (discount > subtotal - 1n) discount = subtotal - 1n;
  const discountCents = Number(discount);
  return { subtotalCents, discountCents, totalCents: subtotalCents - discountCents };
}

/** Cents as a plain decimal string with two places ('12.34', '0.05'): a Solana Pay `amount`. */
export function formatCents(cents: number): string {
  const n = requireCount('cents', cents);
  const whole = n / 100n;
  const frac = n % 100n;
  return `${whole}.${frac.toString().padStart(2, '0')}`;
}

/**
 * Cents in a token's smallest unit, for comparing on-chain balances exactly (USDC has 6
 * decimals, so 1234 cents = 12_340_000n). A token with fewer than 2 decimals cannot hold every
 * cent amount, so a lossy conversion throws rather than rounding someone's money away.
 */
export function centsToBaseUnits(cents: number, decimals: number): bigint {
  const n = requireCount('cents', cents);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 30) {
    throw new DomainError('VALIDATION_FAILED', 'decimals must be an integer from 0 to 30', {
      decimals,
    });
  }
  if (decimals >= 2) return n * 10n ** BigInt(decimals - 2);
  const divisor = 10n ** BigInt(2 - decimals);
  if (n % divisor !== 0n) {
    throw new DomainError('VALIDATION_FAILED', 'amount not representable in this token', {
      cents,
      decimals,
    });
  }
  return n / divisor;
}

/** Points earned on an order total at `bps` basis points, rounded down. */
export function rewardPoints(totalCents: number, bps: number): number {
  return Number(applyBps(requireCount('totalCents', totalCents), requireBps('bps', bps)));
}

/**
 * A payment short of the total by at most this many USDC base units (0.01 USDC) still counts as
 * paid, when the server sets no threshold of its own.
 */
export const DEFAULT_PAYMENT_DUST_BASE_UNITS = 10_000;
