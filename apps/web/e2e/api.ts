import { randomBytes } from 'node:crypto';
import { createPuffyClient, type PuffyClient, signInWithWallet } from '@puffy/client';
import { devWalletFromSecret } from '../src/wallet/dev-wallet';

/**
 * The API as the tests' setup reaches it (placing orders, making products), signed in with the
 * same dev-wallet key a browser uses, so both act as one user. What a buyer sees is still only
 * checked in the browser.
 */
export const API_URL = `http://127.0.0.1:${process.env.E2E_API_PORT ?? 3410}`;

/** A fresh dev-wallet key: a new buyer. */
export const newSecret = () => randomBytes(32).toString('hex');

export async function apiAs(
  secretHex: string,
): Promise<{ api: PuffyClient; userId: string; address: string }> {
  const wallet = await devWalletFromSecret(secretHex);
  const session = await signInWithWallet(createPuffyClient({ url: API_URL }), wallet);
  return {
    api: createPuffyClient({ url: API_URL, getToken: () => session.token }),
    userId: session.user.id,
    address: wallet.address,
  };
}

/** A catalog product's id by its name (the catalog lists oldest first, so it pages on). */
export async function productId(name: string): Promise<string> {
  const api = createPuffyClient({ url: API_URL });
  let cursor: string | undefined;
  do {
    const page = await api.product.list.query({ limit: 100, ...(cursor ? { cursor } : {}) });
    const product = page.items.find((p) => p.name === name);
    if (product) return product.id;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  throw new Error(`no product named ${name}`);
}

export const US_ADDRESS = {
  name: 'Ada Buyer',
  email: 'ada@example.com',
  line1: '1 Cloud Street',
  city: 'Springfield',
  postalCode: '12345',
  country: 'US',
};

/** A new buyer (its dev-wallet key) with one unpaid order placed through the API. */
export async function buyerWithOrder(productName: string, quantity = 1) {
  const secret = newSecret();
  const { api } = await apiAs(secret);
  const order = await api.order.create.mutate({
    items: [{ productId: await productId(productName), quantity }],
    shippingAddress: US_ADDRESS,
  });
  return { secret, api, order };
}
