import { causeChain, transformer } from '@puffy/core';
import type { AppRouter } from '@puffy/server/router';
import { createTRPCClient, httpBatchLink, type TRPCLink } from '@trpc/client';

/** A `fetch` as tRPC accepts it: the global one, undici's, node-fetch's, Next.js's. */
export type PuffyFetch = NonNullable<Parameters<typeof httpBatchLink>[0]['fetch']>;

type HeaderMap = Record<string, string>;
type TokenResult = string | null | undefined;

export interface PuffyClientOptions {
  /**
   * Where the API lives, such as `https://api.puffy.shop` (tRPC is served under `/trpc`). Must be
   * `http:` or `https:`. HTTPS certificates are always verified: this client has no option to turn
   * TLS verification off, on purpose. For a private CA, make the runtime trust it (for Node,
   * `NODE_EXTRA_CA_CERTS`) rather than weakening the client.
   */
  url: string;
  /**
   * The session token, read before every request (so a sign-in or sign-out takes effect on the
   * next call). Sent as `Authorization: Bearer <token>`; nothing is sent when it returns nothing.
   */
  getToken?: () => TokenResult | Promise<TokenResult>;
  /**
   * Every HTTP request (one batch of up to 10 calls) is aborted after this many milliseconds,
   * headers and body together, and its calls reject with a `TRPCClientError` whose cause is a
   * `PuffyTimeoutError` (see `isTimeoutError`). Default 15000.
   */
  timeoutMs?: number;
  /** The `fetch` to use; defaults to the global one, looked up at call time. */
  fetch?: PuffyFetch;
  /**
   * Extra headers for every request. In browsers the API's CORS policy allows only
   * `content-type`, `authorization`, `trpc-accept` and `x-trpc-source`. A token from `getToken`
   * replaces any `authorization` given here.
   */
  headers?: HeaderMap | (() => HeaderMap | Promise<HeaderMap>);
  /**
   * The most calls one HTTP request carries: the server's `maxBatchSize` from `shop.settings`.
   * Default 10, the server's default.
   */
  maxBatchItems?: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
/** The server's `TRPC_MAX_BATCH_SIZE` default; a larger batch would be refused outright. */
export const MAX_BATCH_ITEMS = 10;
/** Longer GET URLs are split into more batches (the classic limit of browsers and proxies). */
export const MAX_URL_LENGTH = 2083;
// setTimeout (and so AbortSignal.timeout) fires at once for any delay above 2^31 - 1 ms.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** A request to the API took longer than the client's `timeoutMs` and was aborted. */
export class PuffyTimeoutError extends Error {
  readonly timeoutMs: number;

  constructor(timeoutMs: number, options?: { cause?: unknown }) {
    super(`Puffy API request took longer than ${timeoutMs} ms and was aborted`, options);
    this.name = 'PuffyTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

function isNamed(e: unknown, name: string): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === name;
}

/**
 * Whether `err` (typically the `TRPCClientError` a call rejected with) was caused by the client's
 * timeout. Walks the `cause` chain; recognises the error by name too, in case a bundle holds two
 * copies of this package.
 */
export function isTimeoutError(err: unknown): boolean {
  for (const e of causeChain(err)) {
    if (e instanceof PuffyTimeoutError || isNamed(e, 'PuffyTimeoutError')) return true;
  }
  return false;
}

/** Whether `err` was caused by the caller aborting the call (its `signal`), not by the timeout. */
export function isAbortError(err: unknown): boolean {
  if (isTimeoutError(err)) return false;
  for (const e of causeChain(err)) {
    if (isNamed(e, 'AbortError')) return true;
  }
  return false;
}

/** `AbortSignal.any`, with a small stand-in for browsers that lack it (Safari before 17.4). */
function anySignal(signals: AbortSignal[]): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any(signals);
  const controller = new AbortController();
  const cleanups: Array<() => void> = [];
  const abortFrom = (source: AbortSignal) => {
    for (const cleanup of cleanups) cleanup();
    controller.abort(source.reason);
  };
  for (const s of signals) {
    if (s.aborted) {
      abortFrom(s);
      break;
    }
    const listener = () => abortFrom(s);
    s.addEventListener('abort', listener, { once: true });
    cleanups.push(() => s.removeEventListener('abort', listener));
  }
  return controller.signal;
}

/**
 * Settles like `work`, but rejects as soon as `signal` aborts, even if `work` ignores the signal
 * (a custom fetch might), and passes every rejection that happened because of the abort through
 * `mapAbort`.
 */
function untilAborted<T>(
  work: Promise<T>,
  signal: AbortSignal,
  mapAbort: (err: unknown) => unknown,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(mapAbort(signal.reason));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    work
      .then(resolve, (err: unknown) => reject(signal.aborted ? mapAbort(err) : err))
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}

const BODY_READERS: ReadonlySet<PropertyKey> = new Set([
  'json',
  'text',
  'arrayBuffer',
  'blob',
  'formData',
  'bytes',
]);

/** The same response, whose body reads are bounded by `guard` (a body can stall after headers). */
function guardBody<R extends object>(res: R, guard: <T>(work: Promise<T>) => Promise<T>): R {
  return new Proxy(res, {
    get(target, prop) {
      // Read with the real object as `this`: Response's getters refuse a proxy receiver.
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (BODY_READERS.has(prop)) {
        return (...args: unknown[]) => guard(Promise.resolve(method.apply(target, args)));
      }
      return method.bind(target);
    },
  });
}

function globalFetch(): PuffyFetch {
  return (input, init) => {
    if (typeof globalThis.fetch !== 'function') {
      throw new TypeError('createPuffyClient: no global fetch; pass the `fetch` option');
    }
    return globalThis.fetch(input, init as RequestInit);
  };
}

/**
 * Wraps `base` so every request is aborted after `timeoutMs`. tRPC always passes its own signal
 * (it aborts when every call of the batch is cancelled), so the timeout is combined with it rather
 * than used only when there is none. A timeout rejects with `PuffyTimeoutError`; the caller's own
 * abort rejects with whatever the fetch threw for it (an `AbortError`).
 */
function withTimeout(base: PuffyFetch, timeoutMs: number): PuffyFetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = anySignal([init?.signal, timeout].filter((s): s is AbortSignal => s != null));
    // The combined signal keeps the reason of whichever source aborted first.
    const mapAbort = (err: unknown) =>
      timeout.aborted && signal.reason === timeout.reason
        ? new PuffyTimeoutError(timeoutMs, { cause: err })
        : err;
    const guard = <T>(work: Promise<T>) => untilAborted(work, signal, mapAbort);
    const res = await guard(Promise.resolve().then(() => base(input, { ...init, signal })));
    return guardBody(res, guard);
  };
}

function invalid(option: string, expected: string): TypeError {
  return new TypeError(`createPuffyClient: \`${option}\` must be ${expected}`);
}

function validatedBaseUrl(url: unknown): string {
  if (typeof url !== 'string') throw invalid('url', 'an http(s) URL string');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid('url', `an absolute http(s) URL (got ${JSON.stringify(url)})`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw invalid('url', `an http(s) URL (got protocol ${JSON.stringify(parsed.protocol)})`);
  }
  if (parsed.username || parsed.password) {
    throw invalid('url', 'a URL without credentials (use `getToken` for authentication)');
  }
  if (parsed.search || parsed.hash) {
    throw invalid('url', 'a base URL without a query or fragment');
  }
  return url.replace(/\/+$/, '');
}

function validatedTimeout(timeoutMs: unknown): number {
  if (
    typeof timeoutMs !== 'number' ||
    !Number.isFinite(timeoutMs) ||
    timeoutMs <= 0 ||
    timeoutMs > MAX_TIMEOUT_MS
  ) {
    throw invalid('timeoutMs', `a positive finite number of milliseconds up to ${MAX_TIMEOUT_MS}`);
  }
  // AbortSignal.timeout takes whole milliseconds (Node refuses fractions).
  return Math.ceil(timeoutMs);
}

function authorizationKeys(headers: HeaderMap): string[] {
  return Object.keys(headers).filter((k) => k.toLowerCase() === 'authorization');
}

/**
 * The links behind `createPuffyClient`: superjson (core's transformer), calls made in the same
 * tick batched into one request (at most `maxBatchItems` calls and 2083 URL characters each), a bearer token
 * from `getToken`, and a timeout on every request. Exported so React integrations
 * (`@trpc/tanstack-react-query`) build their client on exactly the same transport.
 */
export function createPuffyLinks(options: PuffyClientOptions): TRPCLink<AppRouter>[] {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createPuffyClient: options must be an object');
  }
  const { getToken, fetch, headers } = options;
  const baseUrl = validatedBaseUrl(options.url);
  const timeoutMs = validatedTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const maxItems = options.maxBatchItems ?? MAX_BATCH_ITEMS;
  if (!Number.isInteger(maxItems) || maxItems < 1) {
    throw invalid('maxBatchItems', 'a whole number of at least 1');
  }
  if (getToken !== undefined && typeof getToken !== 'function') {
    throw invalid('getToken', 'a function');
  }
  if (fetch !== undefined && typeof fetch !== 'function') {
    throw invalid('fetch', 'a function');
  }
  if (
    headers !== undefined &&
    typeof headers !== 'function' &&
    (typeof headers !== 'object' || headers === null)
  ) {
    throw invalid('headers', 'an object or a function returning one');
  }

  return [
    httpBatchLink({
      url: `${baseUrl}/trpc`,
      transformer,
      maxItems,
      maxURLLength: MAX_URL_LENGTH,
      async headers() {
        const extra = typeof headers === 'function' ? await headers() : headers;
        const result: HeaderMap = { ...extra };
        const token = await getToken?.();
        if (token) {
          for (const key of authorizationKeys(result)) delete result[key];
          result.authorization = `Bearer ${token}`;
        }
        return result;
      },
      fetch: withTimeout(fetch ?? globalFetch(), timeoutMs),
    }),
  ];
}

/**
 * The typed tRPC client for the Puffy API, on the links of `createPuffyLinks`. Works in browsers
 * and Node 20.
 *
 * TLS certificate verification can not be turned off through this client: there is deliberately
 * no option for it.
 */
export function createPuffyClient(options: PuffyClientOptions) {
  return createTRPCClient<AppRouter>({ links: createPuffyLinks(options) });
}
