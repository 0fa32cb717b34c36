'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState } from 'react';
import { useCartCount } from '../cart/use-cart';
import { useSession, useSessionEnded } from '../session/use-session';
import { SignInEntry } from './sign-in-entry';

const shortAddress = (a: string) => `${a.slice(0, 4)}…${a.slice(-4)}`;

/**
 * The site header: the brand, the cart with its item count, and the menu. On small screens the
 * menu folds behind a "Menu" button (CSS decides when), so the header stays one line.
 */
export function Header({ cartCount }: { cartCount: number }) {
  const session = useSession();
  const ended = useSessionEnded();
  const items = useCartCount(cartCount);
  const pathname = usePathname();
  const [menu, setMenu] = useState({ open: false, at: pathname });
  // Following a link closes the menu.
  const open = menu.open && menu.at === pathname;

  const signOut = async () => {
    const { signOut } = await import('./sign-out');
    await signOut();
  };

  return (
    <header className="site-header">
      <div className="bar">
        <Link href="/" className="brand">
          Puff<span>y</span>
        </Link>
        <nav id="site-menu" className="site-nav" data-open={open} aria-label="Main">
          <ul>
            <li>
              <Link href="/">Catalog</Link>
            </li>
            <li>
              <Link href="/checkout">Checkout</Link>
            </li>
            <li>
              <Link href="/orders">Orders</Link>
            </li>
            {session && (
              <li>
                <Link href="/account">Account</Link>
              </li>
            )}
            {session?.role === 'admin' && (
              <li>
                <Link href="/admin">Admin</Link>
              </li>
            )}
          </ul>
          <div className="session">
            {session ? (
              <>
                <span className="address-chip" title={session.address}>
                  {shortAddress(session.address)}
                </span>
                <button type="button" className="secondary" onClick={() => void signOut()}>
                  Sign out
                </button>
              </>
            ) : (
              <SignInEntry />
            )}
          </div>
        </nav>
        <Link
          href="/cart"
          className="cart-link"
          aria-label={items > 0 ? `Cart, ${items} ${items === 1 ? 'item' : 'items'}` : 'Cart'}
        >
          Cart
          {items > 0 && (
            <span className="badge" aria-hidden="true">
              {items}
            </span>
          )}
        </Link>
        <button
          type="button"
          className="menu-button secondary"
          aria-expanded={open}
          aria-controls="site-menu"
          onClick={() => setMenu({ open: !open, at: pathname })}
        >
          Menu
        </button>
      </div>
      {ended && !session && (
        // Outside the menu, so a phone shows it without opening "Menu".
        <p className="session-ended" role="status">
          Your session ended — sign in again
        </p>
      )}
    </header>
  );
}
