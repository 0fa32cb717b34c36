/**
 * `err` and every `cause` beneath it, nearest first. Libraries wrap errors (drizzle wraps the
 * driver's, tRPC wraps ours, fetch wraps the abort), so the fact that matters is often a few links
 * down. Stops at a cycle or after `maxDepth` links, so a hostile or buggy chain cannot loop.
 */
export function* causeChain(err: unknown, maxDepth = 16): Generator<unknown> {
  const seen = new Set<unknown>();
  let current = err;
  while (current !== undefined && current !== null && !seen.has(current)) {
    if (seen.size >= maxDepth) return;
    seen.add(current);
    yield current;
    current = (current as { cause?: unknown }).cause;
  }
}

/** The first error in `err`'s cause chain that `match` accepts, or undefined. */
export function findCause<T>(err: unknown, match: (e: unknown) => e is T): T | undefined;
export function findCause(err: unknown, match: (e: unknown) => boolean): unknown;
export function findCause(err: unknown, match: (e: unknown) => boolean): unknown {
  for (const e of causeChain(err)) if (match(e)) return e;
  return undefined;
}
