import type { UserRole } from '@puffy/core';
import type { Config } from './config';
import type { DatabaseHandle } from './db/client';
import type { Clock } from './lib/clock';
import type { Logger } from './log';
import type { SolanaRpc } from './solana/rpc';
import type { EphemeralStore } from './store/types';

/**
 * Everything the API and the jobs need from the outside world, built once by the composition root
 * (main.ts) or by a test's world. Nothing below reads process.env or opens its own connection.
 */
export interface Deps {
  readonly config: Config;
  readonly log: Logger;
  readonly database: DatabaseHandle;
  readonly store: EphemeralStore;
  readonly clock: Clock;
  readonly tokens: TokenService;
  readonly limiter: RateLimiter;
  /** null when the X app is not configured: the twitter procedures answer PRECONDITION_FAILED. */
  readonly xApi: XApi | null;
  readonly solana: SolanaRpc;
  readonly metrics: Metrics;
  /** Anonymous catalog answers kept in this process for a moment (http/catalog-cache.ts). */
  readonly catalogAnswers: CatalogAnswers;
  /** The dev payment simulator (DEV_TOOLS without SOLANA_RPC_URL); null everywhere else. */
  readonly paymentSimulator: PaymentSimulator | null;
  readonly version: string;
}

/** One anonymous catalog answer as it went out: the bytes, their ETag and tRPC's Vary. */
export interface CatalogAnswer {
  readonly body: Buffer;
  readonly etag: string;
  readonly vary: string | null;
}

/**
 * Anonymous `product.list` / `product.byId` answers, per request (path and query string). An
 * answer is served for at most a second after the read that built it began, so no instance ever
 * serves a price older than a second after the write that changed it, whatever reaches it or not;
 * an admin's change drops them all on the instance that made it, at once.
 */
export interface CatalogAnswers {
  /** A fresh answer to this request, if there is one. */
  get(key: string): CatalogAnswer | undefined;
  /** Where a new read stands: when it began and which catalog it reads (for `set`). */
  begin(): CatalogRead;
  /** Keeps the answer a read begun at `read` produced, unless the catalog changed since. */
  set(key: string, read: CatalogRead, answer: CatalogAnswer): void;
  /** Forgets every answer: the catalog just changed. */
  invalidate(): void;
}

export interface CatalogRead {
  readonly startedAt: number;
  readonly generation: number;
}

/** What the API and the worker report for Prometheus (implemented in metrics/prometheus.ts). */
export interface Metrics {
  readonly contentType: string;
  /** The exposition text for a scrape. */
  render(): Promise<string>;
  /** One tRPC call; `code` is the tRPC error code, or OK. */
  request(procedure: string, code: string, seconds: number): void;
  rateLimited(procedure: string): void;
  workerTick(seconds: number): void;
  jobFailed(job: string): void;
  rpcCall(method: string, outcome: 'ok' | 'error', seconds: number): void;
  orderMoved(from: string, to: string): void;
  paymentChecked(outcome: string): void;
  /** Set at each scrape from the readiness checks and the database pool. */
  dependencies(health: {
    db: boolean;
    redis: boolean;
    dbPool: { open: number; busy: number } | null;
  }): void;
}

// The services Deps holds, declared here so the composition root depends on contracts only;
// their implementations live in auth/ and x/.

export interface TokenClaims {
  userId: string;
  address: string;
  role: UserRole;
  jti: string;
  expiresAt: Date;
}

export interface TokenService {
  issue(user: { id: string; address: string; role: UserRole }): Promise<{
    token: string;
    jti: string;
    expiresAt: Date;
  }>;
  /** Throws DomainError TOKEN_INVALID / TOKEN_EXPIRED; never echoes the token. */
  verify(token: string): Promise<TokenClaims>;
}

/** `codeFailure` counts orders that carry a pass or referral code, per user and per IP, hourly. */
export type LimitBucket = 'auth' | 'order' | 'codeFailure';

export interface RateLimiter {
  /**
   * Counts one request for `key` in `bucket`. Throws DomainError RATE_LIMITED (with
   * retryAfterSeconds) over the limit, and StoreUnavailableError if the counter cannot be reached —
   * a limiter that fails open would let everything through exactly when Redis is down.
   */
  consume(bucket: LimitBucket, key: string): Promise<void>;
  /** Gives back one point counted by `consume` (an attempt that turned out not to count). */
  refund(bucket: LimitBucket, key: string): Promise<void>;
}

export interface XAccount {
  id: string;
  username: string;
}

/** The two calls of X's OAuth 2.0 (PKCE) flow we make, plus what the authorize URL needs. */
export interface XApi {
  readonly authorizeUrl: string;
  readonly clientId: string;
  readonly redirectUri: string;
  /** Exchanges an authorization code for an access token (which we never store). */
  exchangeCode(code: string, codeVerifier: string): Promise<string>;
  fetchMe(accessToken: string): Promise<XAccount>;
}

/** A transfer of `amount` base units of `mint` to `recipient`, naming `reference` (Solana Pay). */
export interface SimulatedTransfer {
  reference: string;
  recipient: string;
  mint: string;
  amount: bigint;
}

/** A simulated Solana node the worker reads, where dev tools can make payments. */
export interface PaymentSimulator {
  /** The JSON-RPC URL to point the worker at. */
  readonly url: string;
  /** Records a transfer (confirmed, finalized shortly after); returns its signature. */
  pay(transfer: SimulatedTransfer): string;
  close(): Promise<void>;
}
