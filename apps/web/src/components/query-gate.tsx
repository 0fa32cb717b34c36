'use client';

import type { ReactNode } from 'react';
import { describeProblem, type Subject } from '../lib/describe-problem';
import { problemOf } from '../lib/problem';
import { ErrorView, Loading } from './error-view';

interface GatedQuery<T> {
  data: T | undefined;
  error: unknown;
  refetch: () => unknown;
}

/**
 * A query's three states in one place: its data, "Loading…" while it is on the way, or the error
 * view (not found, signed out, or unavailable with "Try again") — never "Loading…" forever. Data
 * already shown stays shown when a background refetch fails.
 */
export function QueryGate<T>({
  query,
  subject,
  loading,
  h1 = false,
  children,
}: {
  query: GatedQuery<T>;
  subject: Subject;
  /** What is loading, for "Loading {loading}…". */
  loading: string;
  h1?: boolean;
  children: (data: T) => ReactNode;
}) {
  if (query.data !== undefined) return children(query.data);
  if (query.error) {
    return (
      <ErrorView
        view={describeProblem(problemOf(query.error), subject)}
        onRetry={() => void query.refetch()}
        h1={h1}
      />
    );
  }
  return h1 ? <h1>Loading {loading}…</h1> : <Loading what={loading} />;
}
