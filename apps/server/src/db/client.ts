import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { withDeadline } from '../lib/deadline';
import { type DeadlineSocket, deadlineSocket } from './deadline-socket';
import * as schema from './schema';

/** Typed loosely enough that postgres.js and PGlite both fit without casts. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/**
 * What query functions take: an open transaction or the database itself. Drizzle gives both the
 * same interface, so a query never needs to know whether it runs inside a transaction.
 */
export type Tx = Database;

export interface DatabaseHandle {
  readonly kind: 'postgres' | 'pglite';
  readonly db: Database;
  /** Resolves when a trivial query succeeds within `timeoutMs`, rejects otherwise. */
  ping(timeoutMs: number): Promise<void>;
  /** Open and busy pool connections (null for the in-process PGlite). */
  poolStats(): { open: number; busy: number } | null;
  close(): Promise<void>;
}

export interface PostgresOptions {
  url: string;
  poolMax: number;
  statementTimeoutMs: number;
  /** Name shown in pg_stat_activity, so an operator (or a fault test) can find our sessions. */
  applicationName?: string;
}

/**
 * How much longer than statement_timeout a query may go without any byte from the server before
 * the client gives up on the connection: past statement_timeout a healthy server has answered
 * (with an error), so only a hung one is still silent.
 */
export const CLIENT_DEADLINE_MARGIN_MS = 1000;

type SocketTarget = { host?: unknown; port?: unknown; path?: unknown };

/** postgres.js hands the socket factory its parsed options: host and port lists, or a path. */
function socketTarget({ host, port, path }: SocketTarget) {
  if (typeof path === 'string' && path.length > 0) return { path };
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  return { host: String(first(host) ?? 'localhost'), port: Number(first(port) ?? 5432) };
}

export function openPostgres(options: PostgresOptions): DatabaseHandle {
  const deadlineMs = options.statementTimeoutMs + CLIENT_DEADLINE_MARGIN_MS;
  // A client-side deadline: statement_timeout is the server's, and a hung server enforces nothing.
  // postgres.js documents the `socket` option (README, "Custom socket") but its types omit it.
  const sockets = new Set<DeadlineSocket>();
  const customSocket: object = {
    socket: (parsed: SocketTarget) => {
      const socket = deadlineSocket({ target: socketTarget(parsed), deadlineMs });
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      return socket;
    },
  };
  const client = postgres(options.url, {
    ...customSocket,
    max: options.poolMax,
    // Recycle idle and old connections so a restarted or failed-over Postgres is picked up.
    idle_timeout: 30,
    max_lifetime: 60 * 30,
    connect_timeout: 5,
    prepare: true,
    onnotice: () => {},
    connection: {
      application_name: options.applicationName ?? 'puffy',
      statement_timeout: options.statementTimeoutMs,
      idle_in_transaction_session_timeout: options.statementTimeoutMs * 2,
    },
  });
  const db = drizzlePostgres(client, { schema });
  return {
    kind: 'postgres',
    db,
    ping: (timeoutMs) =>
      withDeadline(db.execute(sql`select 1`), timeoutMs, 'database ping').then(() => undefined),
    poolStats: () => {
      let busy = 0;
      for (const socket of sockets) if (socket.busy) busy++;
      return { open: sockets.size, busy };
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * In-process Postgres for `pnpm dev` and tests without DATABASE_URL; `dataDir` undefined = memory.
 * `loadDataDir` starts from a copy of another instance's data (`pglite.dumpDataDir()`), which
 * skips initdb: the tests clone one migrated database instead of building each from scratch.
 */
export async function openPglite(
  dataDir: string | undefined,
  options: { loadDataDir?: Blob } = {},
): Promise<DatabaseHandle & { readonly pglite: PGlite }> {
  const client = new PGlite({ ...(dataDir === undefined ? {} : { dataDir }), ...options });
  await client.waitReady;
  const db = drizzlePglite(client, { schema });
  return {
    kind: 'pglite',
    pglite: client,
    db,
    ping: (timeoutMs) =>
      withDeadline(db.execute(sql`select 1`), timeoutMs, 'database ping').then(() => undefined),
    poolStats: () => null,
    close: () => client.close(),
  };
}
