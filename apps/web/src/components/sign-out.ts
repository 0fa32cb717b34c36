import { createPuffyClient } from '@puffy/client';
import { readSession, saveSession } from '../session/session-store';
import { clearBrowserCache } from '../trpc/react';

/** Revokes the token on the API and forgets it here (loaded when "Sign out" is pressed). */
export async function signOut(apiUrl: string): Promise<void> {
  const token = readSession()?.token;
  try {
    await createPuffyClient({ url: apiUrl, getToken: () => token }).auth.logout.mutate();
  } catch {
    // The token may already be expired or revoked; forgetting it locally is what matters.
  }
  saveSession(null);
  clearBrowserCache();
}
