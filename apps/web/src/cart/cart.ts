import { ORDER_LINE_MAX_QUANTITY, ORDER_MAX_LINES } from '@puffy/client';

import type { CartLine } from './cart-store';

const clampQuantity = (n: number, max = ORDER_LINE_MAX_QUANTITY) =>
  Math.max(1, Math.min(max, ORDER_LINE_MAX_QUANTITY, Math.floor(Number.isFinite(n) ? n : 1)));

/**
 * Adds `quantity` of a product. One line per product (the API refuses duplicates), capped at
 * the per-line maximum and at `max` (what is in stock); a cart already at the line limit does
 * not take a new product.
 */
export function addToCart(
  lines: readonly CartLine[],
  productId: string,
  quantity: number,
  max = ORDER_LINE_MAX_QUANTITY,
) {
  const existing = lines.find((l) => l.productId === productId);
  if (existing) {
    return lines.map((l) =>
      l.productId === productId ? { ...l, quantity: clampQuantity(l.quantity + quantity, max) } : l,
    );
  }
  if (lines.length >= ORDER_MAX_LINES) return [...lines];
  return [...lines, { productId, quantity: clampQuantity(quantity, max) }];
}

export function setQuantity(
  lines: readonly CartLine[],
  productId: string,
  quantity: number,
  max = ORDER_LINE_MAX_QUANTITY,
) {
  return lines.map((l) =>
    l.productId === productId ? { ...l, quantity: clampQuantity(quantity, max) } : l,
  );
}

export function removeFromCart(lines: readonly CartLine[], productId: string) {
  return lines.filter((l) => l.productId !== productId);
}

/** How many of a product the cart holds (0 when it holds none). */
export function quantityInCart(lines: readonly CartLine[], productId: string): number {
  return lines.find((l) => l.productId === productId)?.quantity ?? 0;
}
