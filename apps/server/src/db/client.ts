import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { withDeadline } from '../lib/deadline';
import { type DeadlineSocket, deadlineSocket } from './deadline-socket';
import * as schema from './schema';

/** Typed loosely enough that postgres.js and PGlite both fit without casts. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/**
 * What query functions take: an open transaction or the database itself. Drizzle gives both the
 * same interface, so a query never needs to know whether it runs inside a transaction.
 */
export type Tx = Database;

/** One SQL statement with positional parameters ($1, $2, …), written for both drivers. */
export interface Statement {
  readonly text: string;
  readonly params: readonly unknown[];
}

export type Row = Record<string, unknown>;

export interface DatabaseHandle {
  readonly kind: 'postgres' | 'pglite';
  readonly db: Database;
  /**
   * Runs one statement as a prepared statement (parsed and planned once per connection) and
   * returns its rows. For hot paths whose SQL text never changes: Drizzle prepares only what is
   * `.prepare()`d, and postgres.js sends an unprepared statement with parameters in two round
   * trips (describe, then execute).
   */
  query<T extends Row = Row>(statement: Statement): Promise<T[]>;
  /**
   * Runs the statements in order in one transaction and returns each one's rows. The statements
   * take no parameters: they read `input` (as JSON) with `current_setting('puffy.input')::json`,
   * set for this transaction only. On Postgres the whole transaction — BEGIN, the input, the
   * statements, COMMIT — leaves in one write on one connection (a pipeline), so no lock a
   * statement takes is ever held while the server waits for this process. A failing statement
   * fails the transaction: Postgres skips the rest and answers the pipelined COMMIT with ROLLBACK,
   * and its error is thrown. PGlite runs them one by one (in-process, there is no round trip).
   */
  transact(input: unknown, statements: readonly string[]): Promise<Row[][]>;
  /** Resolves when a trivial query succeeds within `timeoutMs`, rejects otherwise. */
  ping(timeoutMs: number): Promise<void>;
  /** Open and busy pool connections (null for the in-process PGlite). */
  poolStats(): { open: number; busy: number } | null;
  close(): Promise<void>;
}

export interface PostgresOptions {
  url: string;
  poolMax: number;
  statementTimeoutMs: number;
  /** Name shown in pg_stat_activity, so an operator (or a fault test) can find our sessions. */
  applicationName?: string;
}

/**
 * How much longer than statement_timeout a query may go without any byte from the server before
 * the client gives up on the connection: past statement_timeout a healthy server has answered
 * (with an error), so only a hung one is still silent.
 */
export const CLIENT_DEADLINE_MARGIN_MS = 1000;

type SocketTarget = { host?: unknown; port?: unknown; path?: unknown };

/** postgres.js hands the socket factory its parsed options: host and port lists, or a path. */
function socketTarget({ host, port, path }: SocketTarget) {
  if (typeof path === 'string' && path.length > 0) return { path };
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  return { host: String(first(host) ?? 'localhost'), port: Number(first(port) ?? 5432) };
}

/** The transaction-local setting `transact` puts its input in. */
const INPUT_SETTING = 'puffy.input';

export function openPostgres(options: PostgresOptions): DatabaseHandle {
  const deadlineMs = options.statementTimeoutMs + CLIENT_DEADLINE_MARGIN_MS;
  // A client-side deadline: statement_timeout is the server's, and a hung server enforces nothing.
  // postgres.js documents the `socket` option (README, "Custom socket") but its types omit it.
  const sockets = new Set<DeadlineSocket>();
  const customSocket: object = {
    socket: (parsed: SocketTarget) => {
      const socket = deadlineSocket({ target: socketTarget(parsed), deadlineMs });
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      return socket;
    },
  };
  const client = postgres(options.url, {
    ...customSocket,
    max: options.poolMax,
    // Recycle idle and old connections so a restarted or failed-over Postgres is picked up.
    idle_timeout: 30,
    max_lifetime: 60 * 30,
    connect_timeout: 5,
    prepare: true,
    onnotice: () => {},
    connection: {
      application_name: options.applicationName ?? 'puffy',
      statement_timeout: options.statementTimeoutMs,
      idle_in_transaction_session_timeout: options.statementTimeoutMs * 2,
    },
  });
  const db = drizzlePostgres(client, { schema });
  const prepared = { prepare: true } as const;
  async function pipeline(input: unknown, statements: readonly string[]): Promise<Row[][]> {
    // Why no statement here has parameters: postgres.js describes a statement with parameters
    // before its first run on each connection and sends nothing after it until it has run, so
    // the first order on a fresh connection would hold its locks across round trips. The input
    // travels in the SQL text instead, as base64 — an alphabet that cannot end a string literal.
    const encoded = Buffer.from(JSON.stringify(input)).toString('base64');
    const connection = await client.reserve();
    try {
      const queries = [
        connection`begin`,
        connection.unsafe(
          `select set_config('${INPUT_SETTING}', convert_from(decode('${encoded}', 'base64'), 'UTF8'), true)`,
          [],
          { prepare: false },
        ),
        ...statements.map((text) => connection.unsafe(text, [], prepared)),
        connection`commit`,
      ];
      // Executed in one tick, they are written to the socket together.
      for (const query of queries) query.execute();
      const settled = await Promise.allSettled(queries);
      const failed = settled.find((s) => s.status === 'rejected');
      if (failed) throw failed.reason;
      return settled
        .slice(2, -1)
        .map((s) => (s.status === 'fulfilled' ? [...s.value] : []) as Row[]);
    } finally {
      connection.release();
    }
  }
  return {
    kind: 'postgres',
    db,
    query: async <T extends Row>({ text, params }: Statement) =>
      (await client.unsafe(text, params as never[], prepared)) as unknown as T[],
    transact: (input, statements) =>
      // A pool whose connections were just killed can leave a reservation or a pipeline that is
      // never settled: bound the whole transaction like every other dependency call.
      withDeadline(pipeline(input, statements), deadlineMs * 2, 'database transaction'),
    ping: (timeoutMs) =>
      withDeadline(db.execute(sql`select 1`), timeoutMs, 'database ping').then(() => undefined),
    poolStats: () => {
      let busy = 0;
      for (const socket of sockets) if (socket.busy) busy++;
      return { open: sockets.size, busy };
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * In-process Postgres for `pnpm dev` and tests without DATABASE_URL; `dataDir` undefined = memory.
 * `loadDataDir` starts from a copy of another instance's data (`pglite.dumpDataDir()`), which
 * skips initdb: the tests clone one migrated database instead of building each from scratch.
 */
export async function openPglite(
  dataDir: string | undefined,
  options: { loadDataDir?: Blob } = {},
): Promise<DatabaseHandle & { readonly pglite: PGlite }> {
  const client = new PGlite({ ...(dataDir === undefined ? {} : { dataDir }), ...options });
  await client.waitReady;
  const db = drizzlePglite(client, { schema });
  return {
    kind: 'pglite',
    pglite: client,
    db,
    query: async <T extends Row>({ text, params }: Statement) =>
      (await client.query<T>(text, params as unknown[])).rows,
    transact: (input, statements) =>
      client.transaction(async (tx) => {
        await tx.query(`select set_config('${INPUT_SETTING}', $1, true)`, [JSON.stringify(input)]);
        const results: Row[][] = [];
        for (const text of statements) results.push((await tx.query<Row>(text)).rows);
        return results;
      }),
    ping: (timeoutMs) =>
      withDeadline(db.execute(sql`select 1`), timeoutMs, 'database ping').then(() => undefined),
    poolStats: () => null,
    close: () => client.close(),
  };
}
