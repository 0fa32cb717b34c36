import Fastify from 'fastify';
import postgres from 'postgres';

/**
 * The catalog anchor: the least a Node service can do to answer the first page of the catalog —
 * Fastify with no plugins, hooks or logger, one prepared postgres.js query, rows to JSON. It runs
 * as its own process, against the same table, with the same pool size as the API.
 */
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const sql = postgres(url, { max: Number(process.env.DB_POOL_MAX ?? 10), prepare: true });
const app = Fastify();

app.get('/products', async () => {
  const limit = 20;
  const rows = await sql`
    select id, slug, name, description, category, price_cents as "priceCents", stock,
      pass_required as "passRequired", active, created_at as "createdAt"
    from products where active order by created_at, id limit ${limit + 1}`;
  return { items: rows.slice(0, limit), more: rows.length > limit };
});

const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.send?.({ url: address });
process.on('SIGTERM', async () => {
  await app.close();
  await sql.end({ timeout: 5 });
  process.exit(0);
});
