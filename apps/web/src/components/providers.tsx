'use client';

import type { ReactNode } from 'react';
import { TRPCReactProvider } from '../trpc/react';
import { type ClientSettings, SettingsProvider } from './settings';

export function Providers({
  settings,
  children,
}: {
  settings: ClientSettings;
  children: ReactNode;
}) {
  return (
    <SettingsProvider value={settings}>
      <TRPCReactProvider apiUrl={settings.apiUrl}>{children}</TRPCReactProvider>
    </SettingsProvider>
  );
}
