// CI helper: `node scripts/ci-db.mjs create|drop <name>` against the server in ADMIN_DATABASE_URL.
// Uses the project's own driver so CI needs no psql on the machine.
import postgres from 'postgres';

const [action, name] = process.argv.slice(2);
if (!['create', 'drop'].includes(action) || !/^[a-z0-9_]+$/.test(name ?? '')) {
  console.error('usage: ci-db.mjs create|drop <name: a-z0-9_>');
  process.exit(2);
}
const sql = postgres(
  process.env.ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  {
    max: 1,
    onnotice: () => {},
  },
);
try {
  if (action === 'create') await sql.unsafe(`create database "${name}"`);
  else await sql.unsafe(`drop database if exists "${name}" with (force)`);
} finally {
  await sql.end();
}
