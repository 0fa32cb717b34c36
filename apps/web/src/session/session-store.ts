import { localStore } from '../lib/local-store';

/**
 * Who is signed in, for the page to show (address, role, when it ends). The token itself is not
 * here: it lives in an httpOnly cookie that page scripts cannot read (see app/api/session).
 */
export interface StoredSession {
  expiresAt: string;
  address: string;
  role: 'buyer' | 'admin';
  userId: string;
}

// Checked by hand rather than with zod: this module is on every page, and the catalog's
// first-load JavaScript budget has no room for a schema library. An entry that still holds a
// token (written before the token moved to a cookie) is not a session: it is dropped.
function parseSession(raw: unknown): StoredSession | null {
  if (typeof raw !== 'object' || raw === null || 'token' in raw) return null;
  const s = raw as Record<string, unknown>;
  const strings = ['expiresAt', 'address', 'userId'] as const;
  if (!strings.every((k) => typeof s[k] === 'string' && s[k] !== '')) return null;
  if (s.role !== 'buyer' && s.role !== 'admin') return null;
  return s as unknown as StoredSession;
}

const store = localStore<StoredSession | null>('puffy.session', parseSession, null);

/** The signed-in session, or null when there is none or it has expired. */
export function readSession(): StoredSession | null {
  const session = store.read();
  return session && Date.parse(session.expiresAt) > Date.now() ? session : null;
}

export const subscribeSession = store.subscribe;

export function saveSession(session: StoredSession | null): void {
  store.write(session);
}

// Whether the API ended this tab's session (token expired, revoked or no longer valid): the
// header says so until the buyer signs in again. Kept in sessionStorage, so it survives the
// navigation that often follows (per tab, gone when the tab closes).
const ENDED_KEY = 'puffy.sessionEnded';
const endedListeners = new Set<() => void>();

export function readSessionEnded(): boolean {
  if (typeof window === 'undefined') return false;
  try {
    return window.sessionStorage.getItem(ENDED_KEY) === '1';
  } catch {
    return false;
  }
}

export function subscribeSessionEnded(listener: () => void): () => void {
  endedListeners.add(listener);
  return () => endedListeners.delete(listener);
}

export function markSessionEnded(value: boolean): void {
  if (readSessionEnded() === value) return;
  try {
    if (value) window.sessionStorage.setItem(ENDED_KEY, '1');
    else window.sessionStorage.removeItem(ENDED_KEY);
  } catch {
    // Storage refused (private mode quotas): the notice is only lost on the next page.
  }
  for (const listener of endedListeners) listener();
}
