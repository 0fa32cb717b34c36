import type { Config } from './config';
import type { DatabaseHandle } from './db/client';
import type { Clock } from './lib/clock';
import type { Logger } from './log';
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
  readonly version: string;
}
