import type { Config } from './config';
import type { DatabaseHandle } from './db/client';
import type { RateLimiter } from './domain/rate-limits';
import type { TokenService } from './domain/tokens';
import type { XApi } from './domain/x-api';
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
  readonly version: string;
}
