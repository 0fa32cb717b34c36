import { ORDER_LINE_MAX_QUANTITY } from '@puffy/client';

/** The most one order line may hold of a product, and why it is that number. */
export interface LineLimit {
  max: number;
  /** `stock`: only that many are left; `line`: the API's per-line cap. */
  why: 'stock' | 'line';
}

export function lineLimit(stock: number): LineLimit {
  return stock < ORDER_LINE_MAX_QUANTITY
    ? { max: Math.max(0, stock), why: 'stock' }
    : { max: ORDER_LINE_MAX_QUANTITY, why: 'line' };
}

export function limitNote(limit: LineLimit): string {
  return limit.why === 'stock'
    ? `Only ${limit.max} left in stock`
    : `At most ${limit.max} of one product per order`;
}

export interface QuantityReading {
  /** The quantity to keep: what was typed when it is allowed, else the nearest allowed one. */
  quantity: number;
  /** Why the typed text was not taken as it stands; null when it was. */
  note: string | null;
}

/**
 * Reads what the buyer typed into a quantity box, once they leave it (or press Enter): typing
 * is free in between, so clearing the box and typing "2" gives 2. Anything that is not a whole
 * number keeps `current`; a number beyond the limit becomes the limit, with a note saying why.
 */
export function readQuantity(text: string, current: number, limit: LineLimit): QuantityReading {
  const trimmed = text.trim();
  if (!/^\d{1,6}$/.test(trimmed)) {
    return { quantity: current, note: `Enter a whole number from 1 to ${limit.max}` };
  }
  const typed = Number(trimmed);
  if (typed < 1) return { quantity: current, note: 'At least 1: to take it out, use Remove' };
  if (typed > limit.max) return { quantity: Math.max(1, limit.max), note: limitNote(limit) };
  return { quantity: typed, note: null };
}
