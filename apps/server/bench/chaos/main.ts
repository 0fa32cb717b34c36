import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { associatedTokenAddress } from '../../src/solana/ata';
import { fastWallet } from '../sign-in';
import { type AdminStats, newAdminStats, runAdmin } from './admin';
import { type Buyer, newBuyerStats, runBuyer } from './buyers';
import { startChain } from './chain';
import { callWithRetry } from './client';
import { Cluster } from './cluster';
import { FAULT_KINDS, type FaultKind, runFaults } from './faults';
import { type CheckResult, checkAll, overdueNewOrders } from './invariants';
import { startThrowawayRedis } from './redis';
import { sortedEntries, table } from './report';
import { Requests } from './requests';
import { createProducts, signIn } from './shop';

/**
 * `pnpm soak -- --minutes N` (or `--seconds N`): the built server (2 API processes, 2 workers) on
 * the database DATABASE_URL names, a Redis of its own and a fake Solana node, under buyers, an
 * admin and a fault schedule; invariants checked every 30 s and at the end. Exits 1 on any
 * violation. The data stays in the database for inspection.
 */
const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));
const MERCHANT = '9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin';
const DEVNET_USDC = '4zMMC9srt5Ri5X14GAgXhaHii3GnPAEERYPJgZJDncDU';
const BUYERS = 12;
const MAX_REFERRAL_USES = 1000;
const CHECK_EVERY_MS = 30_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { minutes: { type: 'string' }, seconds: { type: 'string' } },
  strict: true,
});
const seconds = values.seconds ? Number(values.seconds) : Number(values.minutes ?? 10) * 60;
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl || !Number.isFinite(seconds) || seconds <= 0) {
  console.error('usage: DATABASE_URL=postgres://… pnpm soak -- [--minutes N | --seconds N]');
  process.exit(2);
}

console.log('building the server bundle (dist/main.js)');
execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: SERVER_DIR, stdio: 'inherit' });

const logDir = mkdtempSync(join(tmpdir(), 'puffy-soak-'));
const redis = await startThrowawayRedis();
const chain = await startChain({ merchant: MERCHANT, mint: DEVNET_USDC, finalizeMs: 4000 });
const adminWallet = fastWallet();
const tag = Date.now().toString(36);
const cluster = new Cluster(
  {
    ENV_FILE: '/dev/null',
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: `soak-${tag}:`,
    JWT_SECRET: randomBytes(32).toString('base64url'),
    SOLANA_CHAIN: 'devnet',
    SOLANA_RPC_URL: chain.url,
    SOLANA_RPC_TIMEOUT_MS: '2000',
    MERCHANT_WALLET: MERCHANT,
    USDC_MINT: DEVNET_USDC,
    CORS_ORIGINS: 'http://shop.test',
    SIWS_DOMAIN: 'shop.test',
    SIWS_URI: 'http://shop.test',
    ADMIN_ADDRESSES: adminWallet.address,
    RATE_LIMIT_AUTH_PER_MIN: '100000',
    RATE_LIMIT_ORDER_PER_MIN: '100000',
    RATE_LIMIT_CODE_FAILURES_PER_HOUR: '100000',
    MAX_OPEN_ORDERS_PER_USER: '10',
    MAX_REFERRAL_USES: String(MAX_REFERRAL_USES),
    ORDER_PAYMENT_WINDOW_MINUTES: '1',
    PAYMENT_POLL_INTERVAL_MS: '500',
    PAYMENT_DROP_GRACE_SECONDS: '5',
    SHUTDOWN_DELAY_MS: '500',
  },
  logDir,
);
console.log(`logs: ${logDir}`);
const db = postgres(databaseUrl, {
  max: 2,
  onnotice: () => {},
  connection: { application_name: 'puffy-soak' },
});

const requests = new Requests(cluster);
const buyerStats = newBuyerStats();
const adminStats: AdminStats = newAdminStats();
const injected = new Map<FaultKind, number>();
const faultErrors: string[] = [];
const checks = { run: 0, failed: 0, errored: 0 };
const violations: string[] = [];
const initialStock = new Map<string, number>();

const record = (results: CheckResult[], label: string) => {
  checks.run++;
  const bad = results.flatMap((r) => r.violations.map((v) => `${label} ${r.name}: ${v}`));
  if (bad.length > 0) checks.failed++;
  violations.push(...bad.slice(0, 50));
};
const check = async (settled: boolean) => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await checkAll({
        db,
        chain,
        initialStock,
        maxReferralUses: MAX_REFERRAL_USES,
        settled,
      });
    } catch (err) {
      // The fault schedule ends every application connection, ours included at times.
      checks.errored++;
      if (attempt >= 10) throw err;
      await sleep(1000);
    }
  }
};

let exitCode = 0;
try {
  await cluster.start(2, 2);
  console.log('cluster up: 2 API processes, 2 workers');
  const admin = await signIn(requests, adminWallet);
  const products = await createProducts(requests, admin, tag);
  initialStock.set(products.plenty, 1_000_000);
  initialStock.set(products.scarce, 8);
  initialStock.set(products.passOnly, 1_000_000);
  const buyers: Buyer[] = [];
  for (let i = 0; i < BUYERS; i++) {
    const session = await signIn(requests);
    const pass = await callWithRetry(
      requests,
      'admin.passCode.create',
      'mutation',
      { ownerId: session.userId, maxUses: 4 },
      admin.token,
    );
    const mine = await callWithRetry(requests, 'code.mine', 'query', undefined, session.token);
    if (pass.outcome !== 'ok' || mine.outcome !== 'ok') throw new Error('buyer setup failed');
    buyers.push({
      ...session,
      passCode: (pass.data as { code: string }).code,
      referralCode: (mine.data as { referralCode: string }).referralCode,
    });
  }
  const merchantTokenAccount = associatedTokenAddress(MERCHANT, DEVNET_USDC);
  const started = Date.now();
  const deadline = started + seconds * 1000;
  const running = () => Date.now() < deadline;
  console.log(`soak: ${seconds} s, ${BUYERS} buyers, 1 admin, faults every few seconds`);
  const checker = async () => {
    while (running()) {
      await sleep(Math.min(CHECK_EVERY_MS, Math.max(0, deadline - Date.now())));
      if (!running()) return;
      record(await check(false), `[${Math.round((Date.now() - started) / 1000)} s]`);
    }
  };
  await Promise.all([
    ...buyers.map((me) =>
      runBuyer({
        me,
        others: buyers.filter((b) => b !== me),
        products,
        requests,
        chain,
        stats: buyerStats,
        running,
      }),
    ),
    runAdmin({ admin, requests, stats: adminStats, running }),
    runFaults({
      ctx: {
        cluster,
        chain,
        redis,
        merchantTokenAccount,
        references: () => buyerStats.references,
        terminateConnections: async () => {
          const [row] = await db<{ n: string }[]>`
            select count(pg_terminate_backend(pid))::text as n from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid()
              and backend_type = 'client backend' and application_name <> 'puffy-soak'`;
          return Number(row?.n ?? 0);
        },
      },
      // Each kind several times: ten kinds a round, at least three rounds in a run.
      gapMs: Math.max(2000, Math.min(15_000, (seconds * 1000) / (FAULT_KINDS.length * 3))),
      running,
      injected,
      onError: (kind, err) => faultErrors.push(`${kind}: ${(err as Error).message}`),
    }),
    checker(),
  ]);
  console.log('load and faults over; waiting for the shop to settle');

  // The end: every transfer the chain holds gets recorded, and NEW orders past their window go.
  const settleBy = Date.now() + 120_000;
  let final = await check(true);
  let overdue = await overdueNewOrders(db, 10);
  while ((final.some((r) => r.violations.length > 0) || overdue > 0) && Date.now() < settleBy) {
    await sleep(2000);
    final = await check(true);
    overdue = await overdueNewOrders(db, 10);
  }
  record(final, '[end]');
  if (overdue > 0) violations.push(`[end] ${overdue} NEW orders still there past their window`);
  if (requests.lost() > 0) {
    violations.push(...requests.lostDetails.slice(0, 30).map((d) => `lost request: ${d}`));
  }
  violations.push(
    ...[...buyerStats.diverged, ...adminStats.diverged].map(
      (d) => `idempotent retry diverged: ${d}`,
    ),
  );
  if (requests.inFlight !== 0) violations.push(`${requests.inFlight} requests never answered`);

  const ordersByState = await db<{ status: string; n: number }[]>`
    select status, count(*)::int as n from orders
    where user_id = any(${buyers.map((b) => b.userId)}::uuid[]) group by status order by status`;
  await cluster.stop();
  violations.push(...cluster.badExits);
  violations.push(...faultErrors.map((e) => `fault failed: ${e}`));

  console.log(
    table([
      ['Requests by outcome', sortedEntries(requests.counts)],
      ['Faults injected', FAULT_KINDS.map((k) => [k, injected.get(k) ?? 0])],
      ['Orders by final state', ordersByState.map((r) => [r.status, r.n])],
      ['Buyer plans', sortedEntries(buyerStats.plans)],
      ['Refusals (buyers)', sortedEntries(buyerStats.refusals)],
      [
        'Admin',
        [
          ...sortedEntries(adminStats.moves).map(([k, v]): [string, number] => [
            `moved to ${k}`,
            v,
          ]),
          ...sortedEntries(adminStats.resolutions).map(([k, v]): [string, number] => [
            `resolved ${k}`,
            v,
          ]),
          ['resolutions sent again', adminStats.resent],
        ],
      ],
      [
        'Invariant checks',
        [
          ['run', checks.run],
          ['failed', checks.failed],
          ['queries retried (connection killed)', checks.errored],
          ['violations', violations.length],
        ],
      ],
    ]),
  );
  if (violations.length > 0) {
    console.log('\nViolations:');
    for (const v of violations.slice(0, 100)) console.log(`  ${v}`);
    exitCode = 1;
  } else {
    console.log('\nno violations');
  }
} catch (err) {
  console.error('soak failed:', err);
  exitCode = 1;
} finally {
  await cluster.stop().catch(() => {});
  await redis.stop();
  await chain.close();
  await db.end({ timeout: 5 });
}
console.log(`logs: ${logDir}`);
process.exit(exitCode);
