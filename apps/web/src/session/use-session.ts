'use client';

import { useSyncExternalStore } from 'react';
import { readSession, type StoredSession, subscribeSession } from './session-store';

/** The signed-in session; null on the server render and for anonymous visitors. */
export function useSession(): StoredSession | null {
  return useSyncExternalStore(subscribeSession, readSession, () => null);
}
