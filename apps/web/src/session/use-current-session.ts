'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTRPC } from '../trpc/react';
import { saveSession } from './session-store';
import { useSession } from './use-session';

/**
 * The signed-in session with the role the API gives it now (`auth.me`): a wallet made an admin
 * (or no longer one) sees the change without signing in again. Until the answer comes, the role
 * remembered at sign-in.
 */
export function useCurrentSession() {
  const trpc = useTRPC();
  const session = useSession();
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { enabled: session !== null }));
  const role = me.data?.user.role;
  useEffect(() => {
    if (session && role && role !== session.role) saveSession({ ...session, role });
  }, [session, role]);
  return { session, me };
}
