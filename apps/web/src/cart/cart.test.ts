import { describe, expect, it } from 'vitest';
import { addToCart, removeFromCart, setQuantity } from './cart';

describe('the cart kept in the browser', () => {
  it('keeps one line per product, adding to its quantity', () => {
    const once = addToCart([], 'a', 2);
    expect(addToCart(once, 'a', 3)).toEqual([{ productId: 'a', quantity: 5 }]);
  });

  it('caps a line at the per-line maximum the API accepts (10)', () => {
    expect(addToCart([{ productId: 'a', quantity: 9 }], 'a', 5)).toEqual([
      { productId: 'a', quantity: 10 },
    ]);
    expect(setQuantity([{ productId: 'a', quantity: 1 }], 'a', 0)).toEqual([
      { productId: 'a', quantity: 1 },
    ]);
  });

  it('takes no more than 20 products (the API’s line limit)', () => {
    let lines = addToCart([], 'p0', 1);
    for (let i = 1; i < 25; i++) lines = addToCart(lines, `p${i}`, 1);
    expect(lines).toHaveLength(20);
  });

  it('removes a line', () => {
    expect(removeFromCart([{ productId: 'a', quantity: 1 }], 'a')).toEqual([]);
  });
});
