import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { loadConfig } from '../src/config';
import { migratePostgresUrl } from '../src/db/migrate';
import { MIGRATIONS_FOLDER } from '../src/paths';
import { benchAuthVerify } from './auth-verify';
import { benchCatalog } from './catalog';
import { benchDrop } from './drop';
import { benchKeyset } from './keyset';
import { benchOrders } from './orders';
import { benchPayments, renderPayments } from './payments';
import { startBenchProcess, stopBenchProcess } from './process';
import { profileServer } from './profiler';
import { renderReport } from './report';
import { benchSignIn } from './sign-in';
import { benchSoak } from './soak';

const KEEP_BELOW_MARKER =
  '<!-- measured by other commands; pnpm bench --write keeps what follows -->';

/**
 * `pnpm bench`: load benchmarks on loopback against real Postgres and Redis (DATABASE_URL and
 * REDIS_URL name the servers; each run works in a fresh database it drops afterwards).
 * `--smoke` runs every benchmark for a second, for CI; `--write` puts the report in
 * docs/benchmarks.md. The full run ends with a 10-minute memory soak; `--soak-minutes N` shortens
 * it (0 skips it) while iterating on something else. `--only catalog,orders,drop,sign-in,…` runs
 * just those sections and prints their figures as JSON (no report, nothing written).
 */
const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    smoke: { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    'soak-minutes': { type: 'string', default: '10' },
    only: { type: 'string' },
  },
});

const SECTIONS = [
  'catalog',
  'orders',
  'drop',
  'auth-verify',
  'sign-in',
  'soak',
  'keyset',
  'payments',
] as const;
type Section = (typeof SECTIONS)[number];
const only = values.only?.split(',').map((s) => s.trim());
const unknown = only?.filter((s) => !(SECTIONS as readonly string[]).includes(s)) ?? [];
if (unknown.length > 0) {
  console.error(`unknown --only section(s): ${unknown.join(', ')}; known: ${SECTIONS.join(', ')}`);
  process.exit(1);
}
const runs = (section: Section) => only === undefined || only.includes(section);

// The two URLs come from the environment or the repo root's .env, read as the server reads them.
const settings = loadConfig();
const adminUrl = settings.databaseUrl?.reveal();
const redisUrl = settings.redisUrl?.reveal();
if (!adminUrl || !redisUrl) {
  console.error('pnpm bench needs DATABASE_URL and REDIS_URL (real Postgres and Redis)');
  process.exit(1);
}

const smoke = values.smoke;
const duration = smoke ? 1 : Number(values.duration);
const connections = Number(values.connections);
const soakMinutes = smoke ? 0.1 : Number(values['soak-minutes']);
const dbName = `puffy_bench_${Date.now()}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const databaseUrl = url.toString();

await admin.unsafe(`create database "${dbName}"`);
try {
  await migratePostgresUrl(databaseUrl, MIGRATIONS_FOLDER);
  const serverEnv = {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: `bench:${Date.now()}:`,
    JWT_SECRET: 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
    PORT: '0',
    LOG_LEVEL: settings.logLevel,
    RATE_LIMIT_AUTH_PER_MIN: '100000',
    RATE_LIMIT_ORDER_PER_MIN: '100000',
    RATE_LIMIT_CODE_FAILURES_PER_HOUR: '100000',
    // The bench's buyers hold many unpaid orders at once; the cap itself is still checked per order.
    MAX_OPEN_ORDERS_PER_USER: '1000',
    // One connection per concurrent client, as pgbench has in the order.create anchor.
    DB_POOL_MAX: '20',
    SOLANA_RPC_URL: 'http://127.0.0.1:9',
    MERCHANT_WALLET: '9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin',
    USDC_MINT: '4zMMC9srt5Ri5X14GAgXhaHii3GnPAEERYPJgZJDncDU',
    SIWS_DOMAIN: 'bench.test',
    SIWS_URI: 'http://bench.test',
    SOLANA_CHAIN: 'devnet',
    CORS_ORIGINS: 'http://bench.test',
  };
  const db = postgres(databaseUrl, { max: 4, onnotice: () => {} });

  const server = await startBenchProcess(new URL('./server.ts', import.meta.url), serverEnv, {
    wholeProfile: false,
  });
  profileServer(server.child);
  const serverPid = server.child.pid ?? 0;
  const baseUrl = server.url;
  let catalog: Awaited<ReturnType<typeof benchCatalog>> | undefined;
  let orders: Awaited<ReturnType<typeof benchOrders>> | undefined;
  let drop: Awaited<ReturnType<typeof benchDrop>> | undefined;
  let authVerify: Awaited<ReturnType<typeof benchAuthVerify>> | undefined;
  let signIns: Awaited<ReturnType<typeof benchSignIn>> | undefined;
  let soak: Awaited<ReturnType<typeof benchSoak>> | undefined;
  try {
    if (runs('catalog')) {
      catalog = await benchCatalog({
        db,
        databaseUrl,
        baseUrl,
        serverPid,
        duration,
        connections,
        smoke,
      });
    }
    if (runs('orders')) {
      orders = await benchOrders({ db, adminUrl, baseUrl, serverPid, duration, smoke });
    }
    if (runs('drop')) {
      drop = await benchDrop({ db, adminUrl, baseUrl, serverPid, anchorSeconds: duration, smoke });
    }
    if (runs('auth-verify')) authVerify = await benchAuthVerify({ smoke });
    if (runs('sign-in')) signIns = await benchSignIn({ baseUrl, serverPid, duration, smoke });
    if (runs('soak') && soakMinutes > 0) {
      const sampleSeconds = smoke ? 1 : 10;
      soak = await benchSoak({
        db,
        baseUrl,
        server: server.child,
        minutes: soakMinutes,
        sampleSeconds,
      });
    }
  } finally {
    await stopBenchProcess(server.child);
  }
  const keyset = runs('keyset') ? await benchKeyset({ db, databaseUrl, smoke }) : undefined;
  await db.end();
  const payments = runs('payments') ? await benchPayments({ smoke }) : undefined;

  if (catalog && keyset && orders && drop && authVerify && signIns && payments) {
    const report =
      renderReport({
        date: new Date().toISOString().slice(0, 10),
        machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
        command: `pnpm bench${smoke ? ' --smoke' : ''} (duration ${duration}s, ${connections} connections)`,
        catalog,
        keyset,
        orders,
        drop,
        authVerify,
        signIns,
        soak,
      }) + renderPayments(payments);
    console.log(report);
    if (values.write && !smoke) {
      const target = fileURLToPath(new URL('../../../docs/benchmarks.md', import.meta.url));
      // Sections after the marker are measured by other commands (the storefront's bundle size):
      // keep them rather than wiping them with every benchmark run.
      const previous = existsSync(target) ? readFileSync(target, 'utf8') : '';
      const kept = previous.indexOf(KEEP_BELOW_MARKER);
      writeFileSync(target, kept >= 0 ? `${report}\n${previous.slice(kept)}` : report);
      console.log(`written to ${target}`);
    }
  } else {
    console.log(
      JSON.stringify(
        { catalog, orders, drop, authVerify, signIns, soak, keyset, payments },
        null,
        2,
      ),
    );
  }
  const failures = [
    ...(orders?.violations.length ? [`order invariants: ${orders.violations.join('; ')}`] : []),
    ...(drop?.violations.length ? [`drop: ${drop.violations.join('; ')}`] : []),
    ...(catalog && catalog.errors > 0 ? [`${catalog.errors} errors in the catalog run`] : []),
    ...(payments && !payments.spam.spamExpiredOnTime ? ['spam orders did not expire on time'] : []),
    ...(catalog && !catalog.sameAnswers ? ['the catalog routes answered different pages'] : []),
    ...(soak?.grows && !smoke ? ["the API's RSS grew during the soak"] : []),
  ];
  if (failures.length) {
    console.error(`bench failed: ${failures.join('; ')}`);
    process.exitCode = 1;
  }
} finally {
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
}
