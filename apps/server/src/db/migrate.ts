import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { DatabaseHandle } from './client';

/**
 * An arbitrary, fixed key for pg_advisory_lock. drizzle's migrate() takes no lock of its own, so two
 * instances started together would both try to apply the same migration.
 */
export const MIGRATION_LOCK_KEY = 0x70756666; // "puff"

/** The folder drizzle-kit writes to; resolved by the caller (src and dist sit at the same depth). */
export type MigrationsFolder = string;

/**
 * Applies pending migrations to a Postgres URL while holding the advisory lock. Uses its own single
 * connection: the lock belongs to a session, and a pooled client could unlock on another one.
 */
export async function migratePostgresUrl(url: string, folder: MigrationsFolder): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    try {
      await migratePostgres(drizzle(client), { migrationsFolder: folder });
    } finally {
      await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** PGlite is one process's private database: nobody else can race us for it. */
export async function migrateEmbedded(handle: DatabaseHandle, folder: MigrationsFolder) {
  if (handle.kind !== 'pglite') throw new Error('migrateEmbedded is for the PGlite database only');
  // drizzle's PGlite migrator needs the PGlite-typed database; the handle's db is that object.
  await migratePglite(handle.db as Parameters<typeof migratePglite>[0], {
    migrationsFolder: folder,
  });
}
