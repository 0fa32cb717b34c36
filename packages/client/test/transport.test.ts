import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createPuffyClient,
  isAbortError,
  isTimeoutError,
  type PuffyFetch,
  PuffyTimeoutError,
  TRPCClientError,
  transformer,
} from '../src/index';
import { type Loopback, neverAnswer, type RecordedRequest, startLoopback } from './loopback';

const EMPTY_PAGE = { items: [], nextCursor: null };

/** Answers a batched tRPC call the way the real server does: one superjson result per call. */
function answerBatch(req: RecordedRequest, res: ServerResponse) {
  const path = new URL(req.url, 'http://x').pathname.replace(/^\/trpc\//, '');
  const calls = path.split(',').length;
  const body = Array.from({ length: calls }, () => ({
    result: { data: transformer.serialize(EMPTY_PAGE) },
  }));
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to reject');
}

let servers: Loopback[] = [];

async function serve(respond: Parameters<typeof startLoopback>[0]): Promise<Loopback> {
  const server = await startLoopback(respond);
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

describe('batching', () => {
  it("carries at most maxBatchItems calls per request (the shop's maxBatchSize)", async () => {
    const api = await serve(answerBatch);
    const client = createPuffyClient({ url: api.url, maxBatchItems: 2 });
    await Promise.all(Array.from({ length: 5 }, () => client.product.list.query({})));
    const sizes = api.requests.map(
      (r) => new URL(r.url, 'http://x').pathname.split('/').at(-1)?.split(',').length,
    );
    expect(sizes.sort()).toEqual([1, 2, 2]);
  });
});

describe('headers', () => {
  it('sends Authorization: Bearer with the token getToken returns, read per request', async () => {
    const api = await serve(answerBatch);
    let token = 'first-token';
    const client = createPuffyClient({ url: api.url, getToken: () => token });

    await expect(client.product.list.query({})).resolves.toEqual(EMPTY_PAGE);
    token = 'second-token';
    await client.product.list.query({});

    expect(api.requests.map((r) => r.headers.authorization)).toEqual([
      'Bearer first-token',
      'Bearer second-token',
    ]);
    expect(api.requests[0]?.url).toMatch(/^\/trpc\/product\.list\?batch=1&input=/);
  });

  it('awaits an async getToken', async () => {
    const api = await serve(answerBatch);
    const client = createPuffyClient({ url: api.url, getToken: async () => 'async-token' });
    await client.product.list.query({});
    expect(api.requests[0]?.headers.authorization).toBe('Bearer async-token');
  });

  it('sends no Authorization header without getToken, or when it returns nothing', async () => {
    const api = await serve(answerBatch);
    await createPuffyClient({ url: api.url }).product.list.query({});
    await createPuffyClient({ url: api.url, getToken: () => null }).product.list.query({});
    await createPuffyClient({ url: api.url, getToken: async () => '' }).product.list.query({});
    expect(api.requests).toHaveLength(3);
    for (const req of api.requests) expect(req.headers).not.toHaveProperty('authorization');
  });

  it('sends extra headers, and the token replaces an authorization header given there', async () => {
    const api = await serve(answerBatch);
    const client = createPuffyClient({
      url: api.url,
      headers: async () => ({ 'x-trpc-source': 'storefront', Authorization: 'Basic stale' }),
      getToken: () => 'fresh',
    });
    await client.product.list.query({});
    expect(api.requests[0]?.headers['x-trpc-source']).toBe('storefront');
    expect(api.requests[0]?.headers.authorization).toBe('Bearer fresh');
  });
});

describe('timeout', () => {
  it('without timeoutMs, gives up on a silent server after the default 15 s', async () => {
    const api = await serve(neverAnswer);
    const client = createPuffyClient({ url: api.url });

    const started = performance.now();
    const err = await rejection(client.product.list.query({}));
    const elapsed = performance.now() - started;

    expect(isTimeoutError(err)).toBe(true);
    expect((err as TRPCClientError<never>).cause).toMatchObject({ timeoutMs: 15_000 });
    expect(elapsed).toBeGreaterThanOrEqual(14_900);
    expect(elapsed).toBeLessThan(17_000);
  }, 20_000);

  it('aborts a request the server never answers after timeoutMs with a PuffyTimeoutError', async () => {
    const api = await serve(neverAnswer);
    const client = createPuffyClient({ url: api.url, timeoutMs: 200 });

    const started = performance.now();
    const err = await rejection(client.product.list.query({}));
    const elapsed = performance.now() - started;

    expect(api.requests).toHaveLength(1);
    expect(elapsed).toBeGreaterThanOrEqual(150);
    expect(elapsed).toBeLessThan(2000);
    expect(err).toBeInstanceOf(TRPCClientError);
    expect(isTimeoutError(err)).toBe(true);
    expect(isAbortError(err)).toBe(false);
    const cause = (err as TRPCClientError<never>).cause;
    expect(cause).toBeInstanceOf(PuffyTimeoutError);
    expect(cause).toMatchObject({ name: 'PuffyTimeoutError', timeoutMs: 200 });
    expect((cause as Error).message).toContain('longer than 200 ms');
  });

  it('also bounds a body that stalls after the headers were sent', async () => {
    const api = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[{"result":');
    });
    const client = createPuffyClient({ url: api.url, timeoutMs: 200 });
    const started = performance.now();
    const err = await rejection(client.product.list.query({}));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(isTimeoutError(err)).toBe(true);
  });

  it('still times out when a custom fetch ignores the abort signal', async () => {
    const api = await serve(neverAnswer);
    const deaf: PuffyFetch = (input, init) =>
      globalThis.fetch(input, { ...(init as RequestInit), signal: null });
    const client = createPuffyClient({ url: api.url, timeoutMs: 200, fetch: deaf });
    const err = await rejection(client.product.list.query({}));
    expect(isTimeoutError(err)).toBe(true);
  });

  it('times out without AbortSignal.any too (older browsers)', async () => {
    const api = await serve(neverAnswer);
    const original = AbortSignal.any;
    Reflect.deleteProperty(AbortSignal, 'any');
    try {
      expect(typeof AbortSignal.any).toBe('undefined');
      const client = createPuffyClient({ url: api.url, timeoutMs: 200 });
      expect(isTimeoutError(await rejection(client.product.list.query({})))).toBe(true);

      const controller = new AbortController();
      const slow = createPuffyClient({ url: api.url, timeoutMs: 10_000 });
      const pending = rejection(slow.product.list.query({}, { signal: controller.signal }));
      setTimeout(() => controller.abort(), 50);
      const aborted = await pending;
      expect(isTimeoutError(aborted)).toBe(false);
      expect(isAbortError(aborted)).toBe(true);
    } finally {
      AbortSignal.any = original;
    }
  });

  it("surfaces the caller's own abort as an abort, not a timeout", async () => {
    const api = await serve(neverAnswer);
    const client = createPuffyClient({ url: api.url, timeoutMs: 10_000 });
    const controller = new AbortController();

    const started = performance.now();
    const pending = rejection(client.product.list.query({}, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    const err = await pending;

    expect(performance.now() - started).toBeLessThan(2000);
    expect(err).toBeInstanceOf(TRPCClientError);
    expect(isTimeoutError(err)).toBe(false);
    expect(isAbortError(err)).toBe(true);
    expect((err as TRPCClientError<never>).cause).toMatchObject({ name: 'AbortError' });
  });

  it('does not time out a request that is answered in time', async () => {
    const api = await serve((req, res) => setTimeout(() => answerBatch(req, res), 50));
    const client = createPuffyClient({ url: api.url, timeoutMs: 1000 });
    await expect(client.product.list.query({})).resolves.toEqual(EMPTY_PAGE);
  });
});

describe('isTimeoutError', () => {
  it('walks cause chains and survives cycles', () => {
    const timeout = new PuffyTimeoutError(5);
    expect(isTimeoutError(timeout)).toBe(true);
    expect(
      isTimeoutError(new Error('outer', { cause: new Error('mid', { cause: timeout }) })),
    ).toBe(true);
    const cyclic = new Error('a') as Error & { cause?: unknown };
    cyclic.cause = cyclic;
    expect(isTimeoutError(cyclic)).toBe(false);
    expect(isTimeoutError(null)).toBe(false);
    expect(isTimeoutError(new DOMException('x', 'AbortError'))).toBe(false);
  });
});
