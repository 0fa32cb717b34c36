import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type RunningServer } from '../src/http/server';
import { openShop, type Shop } from './shop';

/**
 * The direct GET-query path must answer exactly as tRPC's own Fastify handler does. Two servers
 * share one world — one with the direct path, one with TRPC_DIRECT_GET off — and every request
 * goes to both.
 */
describe('direct GET queries answer exactly like tRPC', () => {
  let shop: Shop;
  let slow: RunningServer;
  let fastUrl: string;
  let slowUrl: string;
  let tokens: Record<'none' | 'buyer' | 'admin' | 'bad', string | undefined>;
  let orderId: string;

  beforeAll(async () => {
    shop = await openShop();
    fastUrl = shop.url;
    slow = await createServer(shop.world.deps, { directGet: false });
    slowUrl = await slow.start(0);
    const buyer = await shop.buyer();
    const product = await shop.product();
    orderId = (await shop.order(buyer, { items: [{ productId: product.id, quantity: 1 }] })).id;
    tokens = { none: undefined, buyer: buyer.token, admin: shop.adminToken, bad: 'not.a.jwt' };
  });
  afterAll(async () => {
    await slow.stop();
    await shop.close();
  });

  async function both(path: string, query: string, token: string | undefined) {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const answers = await Promise.all(
      [fastUrl, slowUrl].map(async (base) => {
        const res = await fetch(`${base}/trpc/${path}${query}`, { headers });
        return {
          status: res.status,
          type: res.headers.get('content-type'),
          vary: res.headers.get('vary'),
          body: await res.text(),
        };
      }),
    );
    return { fast: answers[0], slow: answers[1] };
  }

  const input = (value: unknown) => `?input=${encodeURIComponent(JSON.stringify(value))}`;

  it('agrees on successes, domain errors, validation errors, auth errors and oddities', async () => {
    const cases: Array<[string, string, keyof typeof tokens]> = [
      ['product.list', input({ json: { limit: 3 } }), 'none'],
      ['product.list', '', 'none'],
      ['product.list', input({ json: { offset: -1 } }), 'none'],
      ['product.list', input({ json: { cursor: 'forged' } }), 'none'],
      ['product.list', '?input=%7Bnot-json', 'none'],
      ['product.list', '?input=null', 'none'],
      ['product.list', '?input=%7B%7D', 'none'],
      ['product.list', '?input=%7B%22json%22%3A5%7D', 'none'],
      ['product.byId', input({ json: { id: '00000000-0000-4000-8000-000000000000' } }), 'none'],
      ['product.byId', input({ json: { id: 'nope' } }), 'none'],
      ['auth.me', '', 'none'],
      ['auth.me', '', 'bad'],
      ['auth.me', '', 'buyer'],
      ['order.list', input({ json: {} }), 'buyer'],
      ['order.byId', input({ json: { id: orderId } }), 'buyer'],
      ['order.byId', input({ json: { id: orderId } }), 'admin'],
      ['admin.order.list', input({ json: {} }), 'buyer'],
      ['admin.order.list', input({ json: { limit: 1 } }), 'admin'],
      ['code.mine', '', 'buyer'],
      ['auth.challenge', input({ json: {} }), 'none'],
      ['no.such', '', 'none'],
    ];
    for (const [path, query, who] of cases) {
      const { fast, slow: viaTrpc } = await both(path, query, tokens[who]);
      expect(fast, `${path}${query} as ${who}`).toEqual(viaTrpc);
    }
  });

  it('agrees on random product.list and order.list inputs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('product.list', 'order.list', 'admin.order.list'),
        fc.record(
          {
            limit: fc.oneof(fc.integer({ min: -5, max: 200 }), fc.double(), fc.string()),
            offset: fc.oneof(fc.integer({ min: -5, max: 50 }), fc.constant(null)),
            category: fc.constantFrom('VAPE', 'MERCH', 'nope'),
            status: fc.constantFrom('NEW', 'PAID', 'WAT'),
          },
          { requiredKeys: [] },
        ),
        fc.constantFrom<keyof typeof tokens>('none', 'buyer', 'admin'),
        async (path, value, who) => {
          const { fast, slow: viaTrpc } = await both(path, input({ json: value }), tokens[who]);
          expect(fast).toEqual(viaTrpc);
        },
      ),
      { numRuns: 120 },
    );
  });
});

describe('anonymous catalog reads are cacheable', () => {
  let shop: Shop;
  let plugin: RunningServer;
  let pluginUrl: string;

  beforeAll(async () => {
    shop = await openShop();
    plugin = await createServer(shop.world.deps, { directGet: false });
    pluginUrl = await plugin.start(0);
    await shop.product();
  });
  afterAll(async () => {
    await plugin.stop();
    await shop.close();
  });

  const list = `/trpc/product.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 5 } }))}`;

  it('carries Cache-Control and an ETag, and answers 304 with no body when it still matches', async () => {
    for (const base of [shop.url, pluginUrl]) {
      const first = await fetch(`${base}${list}`);
      const etag = first.headers.get('etag');
      expect(first.status).toBe(200);
      expect(first.headers.get('cache-control')).toBe(
        `public, max-age=${shop.world.config.catalogMaxAgeSeconds}`,
      );
      expect(etag).toMatch(/^"[\w-]{27}"$/);
      expect(first.headers.get('vary')).toBe('Origin, trpc-accept, accept');
      const body = await first.text();

      const again = await fetch(`${base}${list}`, { headers: { 'if-none-match': `"x", ${etag}` } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('etag')).toBe(etag);

      const stale = await fetch(`${base}${list}`, { headers: { 'if-none-match': '"stale"' } });
      expect(stale.status).toBe(200);
      expect(await stale.text()).toBe(body);
    }
  });

  it('changes the ETag when the catalog changes', async () => {
    const before = (await fetch(`${shop.url}${list}`)).headers.get('etag');
    await shop.product();
    const after = (await fetch(`${shop.url}${list}`)).headers.get('etag');
    expect(after).not.toBe(before);
  });

  it('logs one access line per request: method, path, status, never the query string', async () => {
    const marker = `/trpc/product.list?input=${encodeURIComponent('{"json":{"limit":7}}')}`;
    await fetch(`${shop.url}${marker}`);
    const lines = shop.world.logs
      .records()
      .filter((r) => (r.req as { path?: string } | undefined)?.path === '/trpc/product.list');
    expect(lines.map((r) => r.msg)).not.toContain('incoming request');
    const last = lines.at(-1);
    expect(last).toMatchObject({ msg: 'request completed', statusCode: 200 });
    expect(last?.req).toEqual({ method: 'GET', path: '/trpc/product.list', ip: '127.0.0.1' });
    expect(shop.world.logs.text()).not.toContain('limit%22%3A7');
  });

  it('never marks signed-in, failed or other answers cacheable', async () => {
    const buyer = await shop.buyer();
    const headers = { authorization: `Bearer ${buyer.token}` };
    const signedIn = await fetch(`${shop.url}${list}`, { headers });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('cache-control')).toBeNull();
    const bad = await fetch(
      `${shop.url}/trpc/product.byId?input=${encodeURIComponent('{"json":{"id":"nope"}}')}`,
    );
    expect(bad.status).toBe(400);
    expect(bad.headers.get('cache-control')).toBeNull();
    const me = await fetch(`${shop.url}/trpc/auth.me`);
    expect(me.headers.get('cache-control')).toBeNull();
  });
});
