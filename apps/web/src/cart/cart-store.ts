import { localStore } from '../lib/local-store';

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
export const cartStore = localStore<CartLine[]>('puffy.cart', parseCart, EMPTY);
export const emptyCart = EMPTY;
