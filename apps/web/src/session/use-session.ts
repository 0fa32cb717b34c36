'use client';

import { useSyncExternalStore } from 'react';
import {
  readSession,
  readSessionEnded,
  type StoredSession,
  subscribeSession,
  subscribeSessionEnded,
} from './session-store';

/** The signed-in session; null on the server render and for anonymous visitors. */
export function useSession(): StoredSession | null {
  return useSyncExternalStore(subscribeSession, readSession, () => null);
}

/** True once the API has refused this tab's session (expired, revoked, invalid). */
export function useSessionEnded(): boolean {
  return useSyncExternalStore(subscribeSessionEnded, readSessionEnded, () => false);
}
