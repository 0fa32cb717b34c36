'use client';

import { useEffect, useSyncExternalStore } from 'react';
import { cartCount } from './cart-count';
import { type CartLine, cartStore, emptyCart, syncCartCountCookie } from './cart-store';

/** The cart kept in this browser until checkout; empty on the server render. */
export function useCart(): CartLine[] {
  return useSyncExternalStore(cartStore.subscribe, cartStore.read, () => emptyCart);
}

/**
 * The number of items in the cart. The server render and hydration use `serverCount` (from the
 * cookie), so the badge shows the right number on first paint instead of 0 and then N.
 */
export function useCartCount(serverCount: number): number {
  const count = useSyncExternalStore(
    cartStore.subscribe,
    () => cartCount(cartStore.read()),
    () => serverCount,
  );
  // A cart from before the cookie existed, or a cookie the browser dropped: put it right.
  useEffect(() => syncCartCountCookie(), []);
  return count;
}
