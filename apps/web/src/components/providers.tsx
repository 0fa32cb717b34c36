'use client';

import type { ReactNode } from 'react';
import { type ClientSettings, SettingsProvider } from './settings';

/**
 * What every page shares: the runtime settings. The API client and query cache are not here:
 * the sections that read the API from the browser mount them (trpc/react.tsx, DataLayout).
 */
export function Providers({
  settings,
  children,
}: {
  settings: ClientSettings;
  children: ReactNode;
}) {
  return <SettingsProvider value={settings}>{children}</SettingsProvider>;
}
