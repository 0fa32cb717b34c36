'use client';

import { TRPCReactProvider } from '../trpc/react';
import { useSettings } from './settings';
import { SignIn } from './sign-in';

/** The sign-in component, opened, with the API client it needs (loaded on demand). */
export function SignInPanel() {
  const { apiUrl } = useSettings();
  return (
    <TRPCReactProvider apiUrl={apiUrl}>
      <SignIn defaultOpen />
    </TRPCReactProvider>
  );
}
