/**
 * Short-lived shared state: sign-in sessions, PKCE verifiers, the token deny-list. Redis in
 * production so every instance sees the same state; memory for a single dev process.
 */
export interface EphemeralStore {
  readonly kind: 'redis' | 'memory';
  /** Stores `value` under `key` for `ttlSeconds`, replacing any previous value. */
  put(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Atomically reads and deletes: of any number of concurrent takes, exactly one gets the value. */
  take(key: string): Promise<string | null>;
  get(key: string): Promise<string | null>;
  /** Resolves when the store answers; rejects with StoreUnavailableError otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The store could not be reached in time; maps to SERVICE_UNAVAILABLE, never to a silent miss. */
export class StoreUnavailableError extends Error {
  constructor(operation: string, cause?: unknown) {
    super(`ephemeral store unavailable during ${operation}`, { cause });
    this.name = 'StoreUnavailableError';
  }
}
