import { randomBytes } from 'node:crypto';
import {
  createTestDatabase,
  createWallet,
  type FakeSolanaRpc,
  PRODUCTION_SOLANA_ENV,
  type ServerProcess,
  spawnServer,
  startFakeSolanaRpc,
  TEST_REDIS_URL,
  type TestDatabase,
  type TestWallet,
  usesRealPostgres,
  usesRealRedis,
} from '@puffy/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPuffyClient,
  encodeSolanaSignature,
  errorReason,
  type PuffyClient,
  type ShippingAddress,
  signInWithWallet,
} from '../src/index';

const ADDRESS: ShippingAddress = {
  name: 'Multi Buyer',
  email: 'multi@example.com',
  line1: '2 Cluster Road',
  city: 'Lyon',
  postalCode: '69001',
  country: 'FR',
};

/** Each simulated shopper gets their own client IP (the API trusts X-Forwarded-For here). */
const ipHeaders = () => ({
  'x-forwarded-for': `198.51.100.${1 + ((randomBytes(1)[0] ?? 0) % 250)}`,
});

describe.skipIf(!usesRealPostgres || !usesRealRedis)(
  'two API processes and two workers on one Postgres and Redis',
  () => {
    let database: TestDatabase;
    let rpc: FakeSolanaRpc;
    let admin: TestWallet;
    const instances: ServerProcess[] = [];
    let urlA: string;
    let urlB: string;

    const client = (url: string, token?: string, headers = ipHeaders()) =>
      createPuffyClient({ url, getToken: () => token, headers });

    async function signInAt(url: string, wallet: TestWallet) {
      return signInWithWallet(client(url), wallet);
    }

    beforeAll(async () => {
      database = await createTestDatabase();
      rpc = await startFakeSolanaRpc();
      admin = await createWallet();
      const env = {
        NODE_ENV: 'production',
        ...PRODUCTION_SOLANA_ENV,
        DATABASE_URL: database.url ?? '',
        REDIS_URL: TEST_REDIS_URL ?? '',
        REDIS_KEY_PREFIX: `multi:${randomBytes(4).toString('hex')}:`,
        JWT_SECRET: 'multi-process-secret-0123456789-abcdefghijk',
        ADMIN_ADDRESSES: admin.address,
        TRUST_PROXY: 'true',
        RATE_LIMIT_AUTH_PER_MIN: '10',
        SOLANA_RPC_URL: rpc.url,
        SOLANA_RPC_TIMEOUT_MS: '1000',
        PAYMENT_POLL_INTERVAL_MS: '100',
        PORT: '0',
        LOG_LEVEL: 'info',
      };
      const [apiA, apiB, ...workers] = (['api', 'api', 'worker', 'worker'] as const).map((role) =>
        spawnServer(['--role', role], env),
      );
      if (!apiA || !apiB) throw new Error('no API processes');
      instances.push(apiA, apiB, ...workers);
      [urlA, urlB] = await Promise.all([apiA.listening(), apiB.listening()]);
      await Promise.all(workers.map((p) => p.waitFor(/worker started/)));
    }, 60_000);

    afterAll(async () => {
      await Promise.all(instances.map((p) => p.stop()));
      await rpc?.close();
      await database?.drop();
    });

    it('a challenge made on instance A verifies on instance B', async () => {
      const wallet = await createWallet();
      const headers = ipHeaders();
      const challenge = await client(urlA, undefined, headers).auth.challenge.mutate({
        address: wallet.address,
      });
      const signature = await wallet.signMessage(new TextEncoder().encode(challenge.message));
      const session = await client(urlB, undefined, headers).auth.verify.mutate({
        sessionId: challenge.sessionId,
        signature: encodeSolanaSignature(signature),
      });
      expect(session.user.address).toBe(wallet.address);
      expect((await client(urlA, session.token).auth.me.query()).user.id).toBe(session.user.id);
    });

    it('the auth limit is shared: the 11th call from one IP is refused on either instance', async () => {
      const wallet = await createWallet();
      const headers = { 'x-forwarded-for': '203.0.113.77' };
      for (let i = 0; i < 10; i++) {
        await client(i % 2 ? urlB : urlA, undefined, headers).auth.challenge.mutate({
          address: wallet.address,
        });
      }
      for (const url of [urlA, urlB]) {
        const refused = await client(url, undefined, headers)
          .auth.challenge.mutate({ address: wallet.address })
          .catch((e: unknown) => e);
        expect(errorReason(refused)).toBe('RATE_LIMITED');
      }
    });

    it('20 buyers on both instances share one 5-use pass code; the workers settle each order once', async () => {
      const adminSession = await signInAt(urlA, admin);
      const adminClient: PuffyClient = client(urlB, adminSession.token);
      const product = await adminClient.admin.product.upsert.mutate({
        slug: 'multi-genesis',
        name: 'Genesis (multi)',
        category: 'DEVICE',
        priceCents: 2500,
        stock: 100,
        passRequired: true,
      });
      await adminClient.admin.passCode.create.mutate({
        ownerId: adminSession.user.id,
        code: 'MULTI-FIVE',
        maxUses: 5,
      });
      const buyers = await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const url = i % 2 ? urlB : urlA;
          const session = await signInAt(url, await createWallet());
          return client(url, session.token);
        }),
      );
      const results = await Promise.allSettled(
        buyers.map((b) =>
          b.order.create.mutate({
            items: [{ productId: product.id, quantity: 1 }],
            shippingAddress: ADDRESS,
            passCode: 'MULTI-FIVE',
          }),
        ),
      );
      const placed = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      const refusals = results.flatMap((r) =>
        r.status === 'rejected' ? [errorReason(r.reason)] : [],
      );
      expect(placed).toHaveLength(5);
      expect(refusals).toEqual(Array(15).fill('PASS_CODE_EXHAUSTED'));

      const signatures = placed.map((order) =>
        rpc.transfer({
          reference: order.payment.reference,
          recipient: order.payment.recipient,
          mint: order.payment.splToken,
          amount: 25_000_000n,
        }),
      );
      const waitFor = async (status: string) => {
        const deadline = Date.now() + 20_000;
        while (Date.now() < deadline) {
          const list = await adminClient.admin.order.list.query({
            status: status as 'PAID',
            limit: 100,
          });
          if (list.items.length === 5) return list.items;
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error(`orders did not all reach ${status}`);
      };
      await waitFor('PAID');
      for (const s of signatures) rpc.setStatus(s, 'finalized');
      const confirmed = await waitFor('CONFIRMED');
      for (const order of confirmed) {
        expect(order.history.map((h) => [h.from, h.to, h.actor])).toEqual([
          [null, 'NEW', 'buyer'],
          ['NEW', 'PAID', 'system'],
          ['PAID', 'CONFIRMED', 'system'],
        ]);
      }
      // Both workers were alive and ticking the whole time.
      expect(instances[2]?.child.exitCode).toBeNull();
      expect(instances[3]?.child.exitCode).toBeNull();
    }, 60_000);
  },
);
