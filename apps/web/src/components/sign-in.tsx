'use client';

import { useQueryClient } from '@tanstack/react-query';
import type { Wallet } from '@wallet-standard/base';
import { useEffect, useState } from 'react';
import { markSessionEnded, saveSession } from '../session/session-store';
import type { SessionProof } from '../session/wallet-proof';
import { useTRPCClient } from '../trpc/react';
import { useSettings } from './settings';

/**
 * "Sign in": Sign-In-With-Solana through any Wallet Standard wallet (one approval with
 * `solana:signIn`, else connect and `solana:signMessage`), or the dev wallet when DEV_TOOLS is
 * on. The proof goes to the storefront's `/api/session`, which keeps the token in an httpOnly
 * cookie. The wallet code loads only when the panel opens, keeping it off every first load.
 */
export function SignIn({ defaultOpen = false }: { defaultOpen?: boolean }) {
  const { devTools } = useSettings();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(defaultOpen);
  const [wallets, setWallets] = useState<Wallet[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    let stop: (() => void) | undefined;
    let cancelled = false;
    void import('../wallet/standard-wallets').then(({ signInCapableWallets, watchWallets }) => {
      if (cancelled) return;
      const refresh = () => setWallets(signInCapableWallets());
      refresh();
      stop = watchWallets(refresh);
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [open]);

  const signInWith = async (prove: () => Promise<SessionProof>) => {
    setBusy(true);
    setError(null);
    try {
      const [{ startSession }, proof] = await Promise.all([
        import('../session/wallet-proof'),
        prove(),
      ]);
      saveSession(await startSession(proof));
      markSessionEnded(false);
      await queryClient.invalidateQueries();
      setOpen(false);
    } catch (err) {
      setError(
        err instanceof Error && err.message ? `Sign-in failed: ${err.message}` : 'Sign-in failed',
      );
    } finally {
      setBusy(false);
    }
  };

  const chooseWallet = (wallet: Wallet) =>
    signInWith(async () => {
      const [wallets, proofs] = await Promise.all([
        import('../wallet/standard-wallets'),
        import('../session/wallet-proof'),
      ]);
      const oneClick = wallets.oneClickSignIn(wallet);
      return oneClick
        ? proofs.proveWithSignIn(client, oneClick)
        : proofs.proveWithMessage(client, await wallets.connectSigner(wallet));
    });
  const chooseDevWallet = () =>
    signInWith(async () => {
      const [{ loadDevWallet }, proofs] = await Promise.all([
        import('../wallet/dev-wallet'),
        import('../session/wallet-proof'),
      ]);
      return proofs.proveWithMessage(client, await loadDevWallet(window.localStorage));
    });

  return (
    <>
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        Sign in
      </button>
      {open && (
        <section className="signin-panel" role="dialog" aria-label="Choose a wallet">
          <h2>Sign in with a Solana wallet</h2>
          <ul>
            {wallets.map((wallet) => (
              <li key={wallet.name}>
                <button
                  type="button"
                  className="secondary"
                  disabled={busy}
                  onClick={() => chooseWallet(wallet)}
                >
                  {/* biome-ignore lint/performance/noImgElement: wallet icons are data: URLs */}
                  <img src={wallet.icon} alt="" />
                  {wallet.name}
                </button>
              </li>
            ))}
            {devTools && (
              <li>
                <button type="button" disabled={busy} onClick={chooseDevWallet}>
                  Use dev wallet
                </button>
              </li>
            )}
          </ul>
          {wallets.length === 0 && (
            <p className="muted">
              No Solana wallet found in this browser. Install one (Phantom, Solflare, Backpack…) and
              reload.
            </p>
          )}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </section>
      )}
    </>
  );
}
