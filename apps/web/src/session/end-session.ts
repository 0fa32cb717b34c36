import { clearBrowserCache } from '../trpc/react';
import { markSessionEnded, saveSession } from './session-store';

/**
 * Forgets the session here: the cookie (only the server can clear an httpOnly cookie), who was
 * signed in, and every cached answer. `ended` says the API ended it (the header then says
 * "Your session ended — sign in again") rather than the buyer signing out.
 */
export async function endSession({ ended }: { ended: boolean }): Promise<void> {
  saveSession(null);
  clearBrowserCache();
  markSessionEnded(ended);
  await fetch('/api/session', { method: 'DELETE' }).catch(() => {});
}
