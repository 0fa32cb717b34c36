import { findCause } from '@puffy/core';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_DEADLINE_MARGIN_MS, type DatabaseHandle, openPostgres } from '../src/db/client';
import { DeadlineExceededError } from '../src/lib/deadline';
import { isDependencyFailure } from '../src/trpc/errors';
import { TEST_DATABASE_URL, usesRealPostgres } from './backends';
import { startBlackhole } from './blackhole';
import { startFreezableProxy } from './freezable-proxy';

const STATEMENT_TIMEOUT_MS = 300;
const DEADLINE_MS = STATEMENT_TIMEOUT_MS + CLIENT_DEADLINE_MARGIN_MS;

/**
 * A query still pending after this has hung. Far above the deadline, so a busy machine that runs
 * the deadline's timer late does not fail the test; which mechanism ended a query is read from
 * its error (endedByClientDeadline), not from the clock.
 */
const HUNG_AFTER_MS = 20_000;

/** Whether the client's own deadline (not connect_timeout or the server) ended the query. */
function endedByClientDeadline(err: unknown): boolean {
  const deadline = findCause(err, (e) => e instanceof DeadlineExceededError);
  return deadline instanceof Error && deadline.message.includes(`within ${DEADLINE_MS} ms`);
}

/** Settles with how long `work` took to fail, or 'hung' if it had not settled after `limitMs`. */
async function failureTime(work: Promise<unknown>, limitMs: number) {
  const started = Date.now();
  const hung = new Promise<'hung'>((r) => setTimeout(() => r('hung'), limitMs).unref());
  const outcome = await Promise.race([
    work.then(
      () => ({ ok: true as const }),
      (err: unknown) => ({ ok: false as const, err, ms: Date.now() - started }),
    ),
    hung,
  ]);
  return outcome;
}

describe('queries have a client-side deadline when Postgres stops answering', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  const open = (url: string): DatabaseHandle => {
    const handle = openPostgres({ url, poolMax: 2, statementTimeoutMs: STATEMENT_TIMEOUT_MS });
    // close() waits for queries the frozen server will never answer; give it a bound.
    cleanups.push(() =>
      Promise.race([handle.close(), new Promise<void>((r) => setTimeout(r, 500))]),
    );
    return handle;
  };

  it('a black-hole server (accepts, never answers) fails the query within the deadline', async () => {
    const hole = await startBlackhole();
    cleanups.push(() => hole.close());
    const db = open(`postgres://postgres@127.0.0.1:${hole.port}/none`);
    // Without the client deadline only connect_timeout (5 s) would end it: the cause says which
    // one did, so the wall-clock bound can be loose enough for a busy machine.
    const outcome = await failureTime(db.db.execute(sql`select 1`), HUNG_AFTER_MS);
    expect(outcome).not.toBe('hung');
    if (outcome === 'hung' || outcome.ok) throw new Error('expected a failure');
    expect(endedByClientDeadline(outcome.err)).toBe(true);
    expect(isDependencyFailure(outcome.err)).toBe(true);
  });

  it.runIf(usesRealPostgres)(
    'a connection that worked, then went silent, fails its query within the deadline; the pool carries on',
    async () => {
      const target = new URL(TEST_DATABASE_URL ?? '');
      const proxy = await startFreezableProxy({
        host: target.hostname,
        port: Number(target.port || 5432),
      });
      cleanups.push(() => proxy.close());
      const viaProxy = new URL(target);
      viaProxy.host = `127.0.0.1:${proxy.port}`;
      const db = open(viaProxy.toString());

      // Slow but healthy queries are not cut short.
      await db.db.execute(sql`select pg_sleep(0.2)`);

      proxy.freeze();
      const outcome = await failureTime(db.db.execute(sql`select 1`), HUNG_AFTER_MS);
      expect(outcome).not.toBe('hung');
      if (outcome === 'hung' || outcome.ok) throw new Error('expected a failure');
      expect(outcome.ms).toBeGreaterThanOrEqual(DEADLINE_MS - 100);
      expect(endedByClientDeadline(outcome.err)).toBe(true);
      expect(isDependencyFailure(outcome.err)).toBe(true);

      // The dead connection was dropped: the same pool's next query opens a fresh one and works.
      await expect(db.db.execute(sql`select 1`)).resolves.toBeDefined();
    },
  );
});
