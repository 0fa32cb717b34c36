import { localStore } from '../lib/local-store';

export interface StoredSession {
  token: string;
  expiresAt: string;
  address: string;
  role: 'buyer' | 'admin';
  userId: string;
}

// Checked by hand rather than with zod: this module is on every page, and the catalog's
// first-load JavaScript budget has no room for a schema library.
function parseSession(raw: unknown): StoredSession | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const s = raw as Record<string, unknown>;
  const strings = ['token', 'expiresAt', 'address', 'userId'] as const;
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
