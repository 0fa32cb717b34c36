import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { CART_COUNT_COOKIE, parseCartCount } from '../cart/cart-count';
import { Header } from '../components/header';
import { Providers } from '../components/providers';
import { webSettings } from '../env';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Puffy', template: '%s · Puffy' },
  description: 'Pods, devices and merch, paid with USDC on Solana.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Render per request: API_URL and DEV_TOOLS are read when the server runs, not at build time.
  await connection();
  const settings = webSettings();
  // The cart lives in the browser; its item count comes along as a cookie, so the header's
  // badge is right in the first HTML.
  const cartCount = parseCartCount((await cookies()).get(CART_COUNT_COOKIE)?.value);
  return (
    <html lang="en">
      <body>
        <Providers settings={settings}>
          <Header cartCount={cartCount} />
          <main>{children}</main>
        </Providers>
      </body>
    </html>
  );
}
