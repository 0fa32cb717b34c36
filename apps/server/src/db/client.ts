import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { withDeadline } from '../lib/deadline';
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
  close(): Promise<void>;
}

export interface PostgresOptions {
  url: string;
  poolMax: number;
  statementTimeoutMs: number;
  /** Name shown in pg_stat_activity, so an operator (or a fault test) can find our sessions. */
  applicationName?: string;
}

export function openPostgres(options: PostgresOptions): DatabaseHandle {
  const client = postgres(options.url, {
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
    close: () => client.end({ timeout: 5 }),
  };
}

/** In-process Postgres for `pnpm dev` and tests without DATABASE_URL; `dataDir` undefined = memory. */
export async function openPglite(dataDir: string | undefined): Promise<DatabaseHandle> {
  const client = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
  await client.waitReady;
  const db = drizzlePglite(client, { schema });
  return {
    kind: 'pglite',
    db,
    ping: (timeoutMs) =>
      withDeadline(db.execute(sql`select 1`), timeoutMs, 'database ping').then(() => undefined),
    close: () => client.close(),
  };
}
