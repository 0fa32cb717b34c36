export default function setup() {
  const db = process.env.DATABASE_URL
    ? 'real Postgres (DATABASE_URL)'
    : 'embedded PGlite (in memory)';
  const store = process.env.REDIS_URL ? 'real Redis (REDIS_URL)' : 'in-memory store';
  console.log(`[puffy client tests] database: ${db}; store: ${store}`);
}
