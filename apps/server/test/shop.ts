import { randomUUID } from 'node:crypto';
import type { CreateOrderInput, ShippingAddress } from '@puffy/core';
import { count, eq } from 'drizzle-orm';
import { orders, passCodes, products } from '../src/db/schema';
import { inProcessClient } from './caller';
import { type RawTrpcResponse, rawCall, trpcClient } from './http';
import { createWallet, signIn } from './wallet';
import { createWorld, type World, type WorldOptions } from './world';

export type Client = ReturnType<typeof trpcClient>;

export function shippingTo(
  country: string,
  overrides: Partial<ShippingAddress> = {},
): ShippingAddress {
  return {
    name: 'Ada Buyer',
    email: 'ada@example.com',
    line1: '1 Cloud Street',
    city: 'Springfield',
    postalCode: '12345',
    country,
    ...overrides,
  };
}

export interface Buyer {
  client: Client;
  userId: string;
  referralCode: string;
  address: string;
  token: string;
}

export interface Shop {
  world: World;
  url: string;
  admin: Client;
  adminId: string;
  adminToken: string;
  buyer(): Promise<Buyer>;
  product(
    fields?: Partial<Parameters<Client['admin']['product']['upsert']['mutate']>[0]>,
  ): Promise<{
    id: string;
    priceCents: number;
  }>;
  order(
    buyer: Buyer,
    input: Partial<CreateOrderInput> & Pick<CreateOrderInput, 'items'>,
  ): ReturnType<Client['order']['create']['mutate']>;
  close(): Promise<void>;
}

let slugCounter = 0;

export interface ShopOptions extends WorldOptions {
  /**
   * `http` (default): a real server on a loopback port. `in-process`: clients call the router
   * through createCaller, for rule tests that need no HTTP surface (then `url` is empty).
   */
  transport?: 'http' | 'in-process';
}

/** A world with a signed-in admin and helpers to make buyers and products. */
export async function openShop(options: ShopOptions = {}): Promise<Shop> {
  const adminWallet = await createWallet();
  const world = await createWorld({
    ...options,
    env: {
      ADMIN_ADDRESSES: adminWallet.address,
      RATE_LIMIT_AUTH_PER_MIN: '100000',
      RATE_LIMIT_ORDER_PER_MIN: '100000',
      RATE_LIMIT_CODE_FAILURES_PER_HOUR: '100000',
      MAX_OPEN_ORDERS_PER_USER: '1000',
      ...options.env,
    },
  });
  const url = options.transport === 'in-process' ? '' : (await world.listen()).url;
  const clientFor = (token?: string): Client =>
    options.transport === 'in-process'
      ? inProcessClient(world, token)
      : trpcClient(url, () => token);
  const adminSession = await signIn(clientFor(), adminWallet);
  const admin = clientFor(adminSession.token);
  return {
    world,
    url,
    admin,
    adminId: adminSession.user.id,
    adminToken: adminSession.token,
    async buyer() {
      const wallet = await createWallet();
      const session = await signIn(clientFor(), wallet);
      const client = clientFor(session.token);
      const me = await client.auth.me.query();
      return {
        client,
        userId: session.user.id,
        referralCode: me.user.referralCode,
        address: wallet.address,
        token: session.token,
      };
    },
    async product(fields = {}) {
      slugCounter += 1;
      return admin.admin.product.upsert.mutate({
        slug: `item-${slugCounter}-${Date.now()}`,
        name: `Item ${slugCounter}`,
        category: 'MERCH',
        priceCents: 1000,
        stock: 100,
        ...fields,
      });
    },
    order(buyer, input) {
      return buyer.client.order.create.mutate({ shippingAddress: shippingTo('US'), ...input });
    },
    close: () => world.close(),
  };
}

/** Current stock of a product, read straight from the database. */
export async function stockOf(shop: Shop, id: string) {
  const [row] = await shop.world.db
    .select({ stock: products.stock })
    .from(products)
    .where(eq(products.id, id));
  return row?.stock;
}

export async function orderCount(shop: Shop, userId: string) {
  const [row] = await shop.world.db
    .select({ n: count() })
    .from(orders)
    .where(eq(orders.userId, userId));
  return row?.n;
}

export async function passCodeUses(shop: Shop, code: string) {
  const [row] = await shop.world.db
    .select({ uses: passCodes.currentUses })
    .from(passCodes)
    .where(eq(passCodes.code, code));
  return row?.uses;
}

/**
 * One unit of a product ordered over raw HTTP (status and body as sent, 5xx included), with a
 * fresh idempotency key as the storefront sends.
 */
export function rawOrderOne(
  baseUrl: string,
  buyer: Pick<Buyer, 'token'>,
  productId: string,
): Promise<RawTrpcResponse> {
  return rawCall(
    baseUrl,
    'order.create',
    'mutation',
    {
      items: [{ productId, quantity: 1 }],
      shippingAddress: shippingTo('US'),
      idempotencyKey: randomUUID(),
    },
    { headers: { authorization: `Bearer ${buyer.token}` } },
  );
}
