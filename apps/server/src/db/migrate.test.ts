import { randomBytes } from 'node:crypto';
import { is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../../test/backends';
import { MIGRATIONS_FOLDER } from '../paths';
import { migratePostgresUrl } from './migrate';
import * as schema from './schema';

describe.skipIf(!TEST_DATABASE_URL)('migrations on real Postgres', () => {
  it('four instances migrating one empty database at once apply each migration once', async () => {
    const admin = postgres(TEST_DATABASE_URL ?? '', { max: 1, onnotice: () => {} });
    const name = `puffy_migrate_${randomBytes(5).toString('hex')}`;
    await admin.unsafe(`create database "${name}"`);
    const url = new URL(TEST_DATABASE_URL ?? '');
    url.pathname = `/${name}`;
    try {
      // Without the advisory lock, the losers fail with "relation already exists".
      await Promise.all(
        Array.from({ length: 4 }, () => migratePostgresUrl(url.toString(), MIGRATIONS_FOLDER)),
      );
      const db = postgres(url.toString(), { max: 1, onnotice: () => {} });
      const applied = await db`select count(*)::int as n from drizzle.__drizzle_migrations`;
      const tables =
        await db`select count(*)::int as n from information_schema.tables where table_schema = 'public'`;
      await db.end();
      const journal = (await import('../../drizzle/meta/_journal.json', { with: { type: 'json' } }))
        .default as { entries: unknown[] };
      expect(applied[0]?.n).toBe(journal.entries.length);
      // Every table of the schema, once.
      expect(tables[0]?.n).toBe(Object.values(schema).filter((t) => is(t, PgTable)).length);
    } finally {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });
});
