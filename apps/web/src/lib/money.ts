import { formatCents } from '@puffy/client';

/** A price for people: `$1,234.56`, from integer cents with no floating point on the way. */
export function dollars(cents: number): string {
  const [whole = '0', frac = '00'] = formatCents(cents).split('.');
  return `$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/** Parses a typed dollar amount (`14.99`, `1,200`) to cents, or null if it is not one. */
export function parseDollars(text: string): number | null {
  const match = /^\$?\s*(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const whole = Number((match[1] ?? '0').replaceAll(',', ''));
  const frac = Number((match[2] ?? '').padEnd(2, '0'));
  const cents = whole * 100 + frac;
  return Number.isSafeInteger(cents) ? cents : null;
}

const USDC_DECIMALS = 6n;

/**
 * A USDC amount for people from base units (6 decimals): `12.34 USDC`, `0.000001 USDC`, at least
 * two decimals and no trailing zeros beyond them, exactly (bigint, no floating point).
 */
export function usdc(baseUnits: bigint): string {
  const sign = baseUnits < 0n ? '-' : '';
  const abs = baseUnits < 0n ? -baseUnits : baseUnits;
  const unit = 10n ** USDC_DECIMALS;
  const whole = (abs / unit).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = (abs % unit).toString().padStart(Number(USDC_DECIMALS), '0').replace(/0+$/, '');
  return `${sign}${whole}.${frac.padEnd(2, '0')} USDC`;
}
