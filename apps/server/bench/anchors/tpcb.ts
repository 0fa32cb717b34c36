import { spawn } from 'node:child_process';
import postgres from 'postgres';

export interface TpcbResult {
  /** pgbench itself, or the same transaction through postgres.js when pgbench is not installed. */
  tool: 'pgbench' | 'postgres.js';
  clients: number;
  scale: number;
  seconds: number;
  tps: number;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${command} exited ${code}: ${out.slice(-400)}`)),
    );
  });
}

/** libpq's environment for the server in `url` (pgbench takes no URL with a password on argv). */
function libpqEnv(url: URL): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PGHOST: url.hostname,
    PGPORT: url.port || '5432',
    PGUSER: decodeURIComponent(url.username) || 'postgres',
    ...(url.password ? { PGPASSWORD: decodeURIComponent(url.password) } : {}),
  };
}

async function viaPgbench(url: URL, dbName: string, clients: number, seconds: number) {
  const env = libpqEnv(url);
  await run('pgbench', ['-i', '-q', '-s', '1', dbName], env);
  const out = await run(
    'pgbench',
    ['-n', '-c', String(clients), '-j', '2', '-T', String(seconds), dbName],
    env,
  );
  const tps = /tps = ([\d.]+)/.exec(out)?.[1];
  if (!tps) throw new Error(`no tps in pgbench output: ${out.slice(-400)}`);
  return Number(tps);
}

/** pgbench's built-in TPC-B-like script, statement for statement, through postgres.js. */
async function viaPostgresJs(url: URL, clients: number, seconds: number) {
  const sql = postgres(url.toString(), { max: clients, onnotice: () => {} });
  try {
    await sql`create table pgbench_branches (bid int primary key, bbalance int, filler char(88))`;
    await sql`create table pgbench_tellers (tid int primary key, bid int, tbalance int, filler char(84))`;
    await sql`create table pgbench_accounts (aid int primary key, bid int, abalance int, filler char(84))`;
    await sql`create table pgbench_history (tid int, bid int, aid int, delta int, mtime timestamp, filler char(22))`;
    await sql`insert into pgbench_branches values (1, 0, '')`;
    await sql`insert into pgbench_tellers select t, 1, 0, '' from generate_series(1, 10) t`;
    await sql`insert into pgbench_accounts select a, 1, 0, '' from generate_series(1, 100000) a`;
    await sql`vacuum analyze`;
    const rand = (n: number) => 1 + Math.floor(Math.random() * n);
    const deadline = Date.now() + seconds * 1000;
    let done = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (Date.now() < deadline) {
          const [aid, tid, delta] = [rand(100000), rand(10), rand(10001) - 5001];
          await sql.begin(async (tx) => {
            await tx`update pgbench_accounts set abalance = abalance + ${delta} where aid = ${aid}`;
            await tx`select abalance from pgbench_accounts where aid = ${aid}`;
            await tx`update pgbench_tellers set tbalance = tbalance + ${delta} where tid = ${tid}`;
            await tx`update pgbench_branches set bbalance = bbalance + ${delta} where bid = 1`;
            await tx`insert into pgbench_history (tid, bid, aid, delta, mtime) values (${tid}, 1, ${aid}, ${delta}, now())`;
          });
          done++;
        }
      }),
    );
    return done / ((Date.now() - started) / 1000);
  } finally {
    await sql.end();
  }
}

/**
 * The order.create anchor: pgbench's TPC-B-like transaction (five statements, the one branch row
 * of scale 1 as the hot row every transaction updates) with the same client count, in a scratch
 * database that is dropped afterwards. Without pgbench on PATH, the same transaction runs through
 * postgres.js, and the report says which tool measured it.
 */
export async function benchTpcb(options: {
  adminUrl: string;
  clients: number;
  seconds: number;
}): Promise<TpcbResult> {
  const dbName = `puffy_tpcb_${Date.now()}_${process.pid}`;
  const admin = postgres(options.adminUrl, { max: 1, onnotice: () => {} });
  const url = new URL(options.adminUrl);
  url.pathname = `/${dbName}`;
  await admin.unsafe(`create database "${dbName}"`);
  try {
    try {
      const tps = await viaPgbench(url, dbName, options.clients, options.seconds);
      return { tool: 'pgbench', clients: options.clients, scale: 1, seconds: options.seconds, tps };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      const tps = await viaPostgresJs(url, options.clients, options.seconds);
      return {
        tool: 'postgres.js',
        clients: options.clients,
        scale: 1,
        seconds: options.seconds,
        tps,
      };
    }
  } finally {
    await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
    await admin.end();
  }
}
