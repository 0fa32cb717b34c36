'use client';

import { useSyncExternalStore } from 'react';
import { type CartLine, cartStore, emptyCart } from './cart-store';

/** The cart kept in this browser until checkout; empty on the server render. */
export function useCart(): CartLine[] {
  return useSyncExternalStore(cartStore.subscribe, cartStore.read, () => emptyCart);
}
