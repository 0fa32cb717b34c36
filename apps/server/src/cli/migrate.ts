import { loadConfig } from '../config';
import { migratePostgresUrl } from '../db/migrate';
import { MIGRATIONS_FOLDER } from '../paths';

/** `pnpm db:migrate`: applies migrations to DATABASE_URL under the advisory lock. */
const config = loadConfig();
if (!config.databaseUrl) {
  console.error('DATABASE_URL is required for db:migrate (the embedded PGlite migrates itself)');
  process.exit(1);
}
await migratePostgresUrl(config.databaseUrl.reveal(), MIGRATIONS_FOLDER);
console.log('migrations applied');
