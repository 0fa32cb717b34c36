import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import postgres from 'postgres';
import { migratePostgresUrl } from '../src/db/migrate';
import { MIGRATIONS_FOLDER } from '../src/paths';
import { benchAuthVerify } from './auth-verify';
import { benchCatalog, type CatalogResult } from './catalog';
import { benchKeyset } from './keyset';
import { benchOrders } from './orders';
import { renderReport } from './report';

const KEEP_BELOW_MARKER =
  '<!-- measured by other commands; pnpm bench --write keeps what follows -->';
/**
 * `pnpm bench`: load benchmarks on loopback against real Postgres and Redis (DATABASE_URL and
 * REDIS_URL name the servers; each run works in a fresh database it drops afterwards).
 * `--smoke` runs every benchmark for a second, for CI; `--write` puts the report in
 * docs/benchmarks.md.
 */
const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    smoke: { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
  },
});

const adminUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
if (!adminUrl || !redisUrl) {
  console.error('pnpm bench needs DATABASE_URL and REDIS_URL (real Postgres and Redis)');
  process.exit(1);
}

const smoke = values.smoke;
const duration = smoke ? 1 : Number(values.duration);
const connections = Number(values.connections);
const dbName = `puffy_bench_${Date.now()}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const databaseUrl = url.toString();

/**
 * The server under test is bundled the way `pnpm build` bundles production (esbuild, npm packages
 * external), so the numbers are production's, not those of tsx's on-the-fly transpilation.
 */
async function buildBenchServer(): Promise<string> {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const external = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)].filter(
    (name) => !name.startsWith('@puffy/'),
  );
  // dist/ sits one level below the package root, like src/: migrations resolve the same way.
  const outfile = fileURLToPath(new URL('../dist/bench-server.js', import.meta.url));
  await build({
    entryPoints: [fileURLToPath(new URL('./server.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external,
    logLevel: 'warning',
  });
  return outfile;
}

async function startServer(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(await buildBenchServer(), [], {
    execArgv: [],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const serverUrl = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { child, url: serverUrl };
}

async function stopServer(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

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
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    RATE_LIMIT_AUTH_PER_MIN: '100000',
    RATE_LIMIT_ORDER_PER_MIN: '100000',
    SOLANA_RPC_URL: 'http://127.0.0.1:9',
  };
  const db = postgres(databaseUrl, { max: 4, onnotice: () => {} });

  const server = await startServer(serverEnv);
  let catalog: CatalogResult;
  let orders: Awaited<ReturnType<typeof benchOrders>>;
  let authVerify: Awaited<ReturnType<typeof benchAuthVerify>>;
  try {
    catalog = await benchCatalog({ db, baseUrl: server.url, duration, connections, smoke });
    orders = await benchOrders({ db, baseUrl: server.url, duration, smoke });
    authVerify = await benchAuthVerify({ baseUrl: server.url, smoke });
  } finally {
    await stopServer(server.child);
  }
  const keyset = await benchKeyset({ db, databaseUrl, smoke });
  await db.end();

  const report = renderReport({
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    command: `pnpm bench${smoke ? ' --smoke' : ''} (duration ${duration}s, ${connections} connections)`,
    catalog,
    keyset,
    orders,
    authVerify,
  });
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
  const failures = [
    ...(orders.violations.length ? [`order invariants: ${orders.violations.join('; ')}`] : []),
    ...(catalog.errors > 0 ? [`${catalog.errors} errors in the catalog run`] : []),
  ];
  if (failures.length) {
    console.error(`bench failed: ${failures.join('; ')}`);
    process.exitCode = 1;
  }
} finally {
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
}
