'use client';

import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useCart } from '../cart/use-cart';
import { saveSession } from '../session/session-store';
import { useSession } from '../session/use-session';
import { useTRPCClient } from '../trpc/react';
import { SignIn } from './sign-in';

const shortAddress = (a: string) => `${a.slice(0, 4)}…${a.slice(-4)}`;

export function Header() {
  const session = useSession();
  const cart = useCart();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const items = cart.reduce((n, l) => n + l.quantity, 0);

  const signOut = async () => {
    try {
      await client.auth.logout.mutate();
    } catch {
      // The token may already be expired or revoked; forgetting it locally is what matters.
    }
    saveSession(null);
    queryClient.clear();
  };

  return (
    <header className="site-header">
      <div className="bar">
        <Link href="/" className="brand">
          Puff<span>y</span>
        </Link>
        <nav className="site-nav" aria-label="Main">
          <Link href="/">Catalog</Link>
          <Link href="/checkout">
            Checkout
            {items > 0 && <span className="badge">{items}</span>}
          </Link>
          <Link href="/orders">Orders</Link>
          {session && <Link href="/account">Account</Link>}
          {session?.role === 'admin' && <Link href="/admin">Admin</Link>}
          {session ? (
            <>
              <span className="address-chip" title={session.address}>
                {shortAddress(session.address)}
              </span>
              <button type="button" className="secondary" onClick={signOut}>
                Sign out
              </button>
            </>
          ) : (
            <SignIn />
          )}
        </nav>
      </div>
    </header>
  );
}
