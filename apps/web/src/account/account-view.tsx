'use client';

import { errorReason, type RouterOutputs } from '@puffy/client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { QueryGate } from '../components/query-gate';
import { adviceFor } from '../lib/refusals';
import { useCurrentSession } from '../session/use-current-session';
import { useTRPC } from '../trpc/react';

type Me = RouterOutputs['auth']['me'];

export function AccountView() {
  const trpc = useTRPC();
  const { session, me } = useCurrentSession();
  const codes = useQuery(trpc.code.mine.queryOptions(undefined, { enabled: session !== null }));
  const linkX = useMutation(
    trpc.twitter.authorizeUrl.mutationOptions({
      onSuccess: ({ url }) => {
        window.location.assign(url);
      },
    }),
  );

  if (!session) return <p>Sign in to see your account.</p>;
  return (
    <QueryGate query={me} subject={{ name: 'Your account' }} loading="your account">
      {(data) => <Account me={data} codes={codes.data} linkX={linkX} />}
    </QueryGate>
  );
}

function Account({
  me,
  codes,
  linkX,
}: {
  me: Me;
  codes: RouterOutputs['code']['mine'] | undefined;
  linkX: { isPending: boolean; error: unknown; mutate: () => void };
}) {
  const { user, balance, twitter } = me;
  const xError = linkX.error ? adviceFor(errorReason(linkX.error)).text : null;

  return (
    <div className="columns">
      <div>
        <section className="panel" aria-labelledby="wallet-heading">
          <h2 id="wallet-heading">Wallet</h2>
          <p className="mono">{user.address}</p>
          <p className="muted">Signed in as {user.role}.</p>
        </section>
        <section className="panel" aria-labelledby="x-heading">
          <h2 id="x-heading">X account</h2>
          {twitter ? (
            <p>Linked to @{twitter.username}.</p>
          ) : (
            <>
              <p>Link your X account to take part in holder drops.</p>
              <button type="button" disabled={linkX.isPending} onClick={() => linkX.mutate()}>
                Link X account
              </button>
              {xError && <p className="error">{xError}</p>}
            </>
          )}
        </section>
      </div>
      <aside className="panel" aria-labelledby="referral-heading">
        <h2 id="referral-heading">Referrals</h2>
        <p>
          Your referral code: <strong className="mono">{user.referralCode}</strong>
        </p>
        {codes && (
          <p className="muted">
            Used {codes.referralUses}
            {codes.maxReferralUses === null ? '' : ` of ${codes.maxReferralUses}`} times
          </p>
        )}
        <p>
          Balance: <strong>{balance.points} points</strong>
        </p>
        <h2>Pass codes</h2>
        {codes && codes.passCodes.length > 0 ? (
          <ul>
            {codes.passCodes.map((code) => (
              <li key={code.id}>
                <span className="mono">{code.code}</span> — {code.currentUses}/{code.maxUses} used
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">You hold no pass codes.</p>
        )}
      </aside>
    </div>
  );
}
