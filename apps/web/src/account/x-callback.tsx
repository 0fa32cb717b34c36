'use client';

import { errorReason } from '@puffy/client';
import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { adviceFor } from '../lib/refusals';
import { useSession } from '../session/use-session';
import { useTRPC } from '../trpc/react';

/** Where X sends the buyer back: trades the one-time code for the link. */
export function XCallback({ code, state }: { code: string | null; state: string | null }) {
  const trpc = useTRPC();
  const session = useSession();
  const link = useMutation(trpc.twitter.link.mutationOptions());
  const started = useRef(false);

  useEffect(() => {
    // The code is single-use: exchange it once, even under React's double effects in dev.
    if (started.current || !session || !code || !state) return;
    started.current = true;
    link.mutate({ code, state });
  }, [session, code, state, link]);

  if (!code || !state) return <p className="notice bad">X sent no authorization code back.</p>;
  if (!session) return <p>Sign in with your wallet to finish linking.</p>;
  if (link.isSuccess) {
    return (
      <p className="notice">
        Linked @{link.data.username}. <Link href="/account">Back to your account</Link>
      </p>
    );
  }
  if (link.isError) {
    const advice = adviceFor(errorReason(link.error));
    return (
      <p className="notice bad">
        {advice.text} <Link href="/account">Back to your account</Link>
      </p>
    );
  }
  return <p className="muted">Linking…</p>;
}
