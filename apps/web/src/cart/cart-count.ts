/** The header's cart badge: how many items, as the cookie the server render reads carries it. */
export const CART_COUNT_COOKIE = 'puffy_cart_count';

/** 20 lines of at most 10: anything above is not a count this shop wrote. */
const MAX_COUNT = 200;

export function cartCount(lines: ReadonlyArray<{ quantity: number }>): number {
  return lines.reduce((n, l) => n + l.quantity, 0);
}

/** The cookie's count, or 0 for a missing or tampered value. */
export function parseCartCount(value: string | undefined): number {
  if (value === undefined || !/^\d{1,3}$/.test(value)) return 0;
  const n = Number(value);
  return n <= MAX_COUNT ? n : 0;
}
