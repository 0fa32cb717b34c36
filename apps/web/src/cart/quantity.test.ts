import { describe, expect, it } from 'vitest';
import { addToCart, quantityInCart, setQuantity } from './cart';
import { lineLimit, readQuantity } from './quantity';

describe('a quantity typed freely, read when the buyer leaves the box', () => {
  const ten = lineLimit(50);

  it('takes what was typed after clearing the box: Backspace then "2" is 2, not 10', () => {
    // The box held 1; Backspace leaves "", then "2": only the final text is read.
    expect(readQuantity('2', 1, ten)).toEqual({ quantity: 2, note: null });
    expect(readQuantity(' 7 ', 1, ten)).toEqual({ quantity: 7, note: null });
  });

  it('keeps the last good quantity for text that is not a whole number, and says why', () => {
    for (const text of ['', 'abc', '1.5', '-2', '1e3']) {
      expect(readQuantity(text, 3, ten)).toEqual({
        quantity: 3,
        note: 'Enter a whole number from 1 to 10',
      });
    }
    expect(readQuantity('0', 3, ten)).toEqual({
      quantity: 3,
      note: 'At least 1: to take it out, use Remove',
    });
  });

  it('bounds by stock and by the per-line maximum, naming which', () => {
    expect(readQuantity('25', 1, ten)).toEqual({
      quantity: 10,
      note: 'At most 10 of one product per order',
    });
    expect(readQuantity('5', 1, lineLimit(3))).toEqual({
      quantity: 3,
      note: 'Only 3 left in stock',
    });
    expect(lineLimit(0)).toEqual({ max: 0, why: 'stock' });
  });
});

describe('adding and setting quantities in the cart stay within stock', () => {
  it('caps an addition at what is in stock', () => {
    const cart = addToCart([{ productId: 'a', quantity: 2 }], 'a', 5, 4);
    expect(quantityInCart(cart, 'a')).toBe(4);
    expect(quantityInCart(setQuantity(cart, 'a', 9, 3), 'a')).toBe(3);
    expect(quantityInCart(cart, 'b')).toBe(0);
  });
});
