import { localStore } from '../lib/local-store';
import { CART_COUNT_COOKIE, cartCount } from './cart-count';

/** A cart line as kept in the browser until checkout: which product, how many. */
export interface CartLine {
  productId: string;
  quantity: number;
}

// Kept free of core's schemas: the header shows the cart on every page, including the catalog,
// whose first-load JavaScript has a budget. Limits are applied by cart.ts when lines change.
function parseCart(raw: unknown): CartLine[] {
  if (!Array.isArray(raw)) return [];
  const lines: CartLine[] = [];
  for (const item of raw) {
    if (typeof item !== 'object' || item === null) continue;
    const { productId, quantity } = item as Record<string, unknown>;
    if (typeof productId !== 'string' || typeof quantity !== 'number' || quantity < 1) continue;
    if (lines.some((l) => l.productId === productId)) continue;
    lines.push({ productId, quantity: Math.floor(quantity) });
  }
  return lines;
}

const EMPTY: CartLine[] = [];
const store = localStore<CartLine[]>('puffy.cart', parseCart, EMPTY);

/**
 * The item count also goes into a cookie, so the server renders the header's cart badge with the
 * right number on first paint (the lines themselves stay in localStorage).
 */
export function syncCartCountCookie(lines: readonly CartLine[] = store.read()): void {
  const value = String(cartCount(lines));
  if (document.cookie.split('; ').includes(`${CART_COUNT_COOKIE}=${value}`)) return;
  // biome-ignore lint/suspicious/noDocumentCookie: one plain number, read by the server render
  document.cookie = `${CART_COUNT_COOKIE}=${value}; path=/; max-age=31536000; samesite=lax`;
}

export const cartStore = {
  read: store.read,
  subscribe: store.subscribe,
  write(lines: CartLine[]) {
    store.write(lines);
    syncCartCountCookie(lines);
  },
};
export const emptyCart = EMPTY;
