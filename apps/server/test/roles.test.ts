import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trpcClient } from './http';
import { createWallet, signIn, type TestWallet } from './wallet';
import { createWorld, type World } from './world';

/**
 * An admin is made by listing the wallet in ADMIN_ADDRESSES and restarting the API. The same
 * token (same secret, same database) must carry the new role on its very next request: no
 * signing out and in again, in either direction.
 */
describe('a role change reaches a signed-in wallet on its next request', () => {
  let before: World;
  let wallet: TestWallet;
  let token: string;

  beforeAll(async () => {
    wallet = await createWallet();
    before = await createWorld({ env: { RATE_LIMIT_AUTH_PER_MIN: '1000' } });
    const { url } = await before.listen();
    const session = await signIn(trpcClient(url), wallet);
    expect(session.user.role).toBe('buyer');
    token = session.token;
  });
  afterAll(() => before.close());

  /** The API restarted with these admins, on the same database and store. */
  async function restartedWith(adminAddresses: string) {
    const world = await createWorld({
      env: { ADMIN_ADDRESSES: adminAddresses },
      database: before.database,
      store: before.deps.store,
    });
    const { url } = await world.listen();
    return { world, client: trpcClient(url, () => token) };
  }

  it('a buyer added to ADMIN_ADDRESSES is an admin at once, and is demoted at once when removed', async () => {
    const promoted = await restartedWith(wallet.address);
    try {
      expect((await promoted.client.auth.me.query()).user.role).toBe('admin');
      const found = await promoted.client.admin.user.byAddress.query({ address: wallet.address });
      expect(found.role).toBe('admin');
    } finally {
      await promoted.world.close();
    }

    const demoted = await restartedWith('');
    try {
      expect((await demoted.client.auth.me.query()).user.role).toBe('buyer');
      await expect(
        demoted.client.admin.user.byAddress.query({ address: wallet.address }),
      ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    } finally {
      await demoted.world.close();
    }
  });
});
