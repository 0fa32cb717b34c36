'use client';

import { errorReason } from '@puffy/client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useSession } from '../session/use-session';
import { useTRPC } from '../trpc/react';

export function AccountView() {
  const trpc = useTRPC();
  const session = useSession();
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { enabled: session !== null }));
  const codes = useQuery(trpc.code.mine.queryOptions(undefined, { enabled: session !== null }));
  const linkX = useMutation(
    trpc.twitter.authorizeUrl.mutationOptions({
      onSuccess: ({ url }) => {
        window.location.assign(url);
      },
    }),
  );

  if (!session) return <p>Sign in to see your account.</p>;
  if (!me.data) return <p className="muted">Loading…</p>;
  const { user, balance, twitter } = me.data;
  const xError = linkX.error
    ? errorReason(linkX.error) === 'TWITTER_NOT_CONFIGURED'
      ? 'Linking X accounts is not set up on this shop.'
      : 'Could not start linking your X account. Please try again.'
    : null;

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
        {codes.data && (
          <p className="muted">
            Used {codes.data.referralUses}
            {codes.data.maxReferralUses === null ? '' : ` of ${codes.data.maxReferralUses}`} times
          </p>
        )}
        <p>
          Balance: <strong>{balance.points} points</strong>
        </p>
        <h2>Pass codes</h2>
        {codes.data && codes.data.passCodes.length > 0 ? (
          <ul>
            {codes.data.passCodes.map((code) => (
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
