'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { ProblemView } from '../lib/describe-problem';

/**
 * The one view of a failed read: says whether the thing is missing or the shop is unavailable,
 * and offers "Try again" for the latter (`onRetry`, or a fresh server render). With `h1` it
 * stands in for a whole page (which then still has its one h1).
 */
export function ErrorView({
  view,
  onRetry,
  h1 = false,
}: {
  view: ProblemView;
  onRetry?: () => void;
  h1?: boolean;
}) {
  const router = useRouter();
  const Heading = h1 ? 'h1' : 'h2';
  return (
    <section className="problem" role="alert" aria-label={view.title}>
      <Heading>{view.title}</Heading>
      <p>
        {view.text}
        {view.link && (
          <>
            {' '}
            <Link href={view.link.href}>{view.link.label}</Link>
          </>
        )}
      </p>
      {view.retryable && (
        <button type="button" className="secondary" onClick={onRetry ?? (() => router.refresh())}>
          Try again
        </button>
      )}
    </section>
  );
}

/** What a list or page shows while its data is on the way (never forever: errors replace it). */
export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  );
}
