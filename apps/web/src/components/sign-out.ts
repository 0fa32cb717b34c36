import { createPuffyClient } from '@puffy/client';
import { endSession } from '../session/end-session';

/** Revokes the token on the API and forgets the session here (loaded when "Sign out" is pressed). */
export async function signOut(): Promise<void> {
  try {
    // Through the storefront's own /api/trpc, which adds the token from the cookie.
    await createPuffyClient({ url: `${window.location.origin}/api` }).auth.logout.mutate();
  } catch {
    // The token may already be expired or revoked; forgetting it here is what matters.
  }
  await endSession({ ended: false });
}
