'use client';

import { type ComponentType, useState } from 'react';

type Loader = () => Promise<{ SignInPanel: ComponentType }>;
const load: Loader = () => import('./sign-in-panel');

/**
 * The header's "Sign in" button. The sign-in component, the wallet code and the API client it
 * needs load only when the buyer presses it (a hover or focus starts the download early), so
 * none of it is on any page's first load.
 */
export function SignInEntry() {
  const [Panel, setPanel] = useState<ComponentType | null>(null);
  const [failed, setFailed] = useState(false);
  if (Panel) return <Panel />;
  const open = () =>
    load().then(
      ({ SignInPanel }) => setPanel(() => SignInPanel),
      () => setFailed(true),
    );
  return (
    <>
      <button
        type="button"
        aria-expanded={false}
        onPointerEnter={() => void load().catch(() => {})}
        onFocus={() => void load().catch(() => {})}
        onClick={() => void open()}
      >
        Sign in
      </button>
      {failed && (
        <p className="error" role="alert">
          Sign-in could not load. Check your connection and try again.
        </p>
      )}
    </>
  );
}
