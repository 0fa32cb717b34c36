import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
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
  return (
    <html lang="en">
      <body>
        <Providers settings={settings}>
          <Header />
          <main>{children}</main>
        </Providers>
      </body>
    </html>
  );
}
