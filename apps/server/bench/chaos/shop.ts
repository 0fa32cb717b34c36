import { fastWallet } from '../sign-in';
import { callWithRetry } from './client';
import type { Requests } from './requests';

export interface Session {
  address: string;
  userId: string;
  token: string;
}

/** challenge → sign → verify; the whole round again when an answer is lost (a session is single-use). */
export async function signIn(requests: Requests, wallet = fastWallet()): Promise<Session> {
  for (let round = 0; round < 20; round++) {
    const challenge = await callWithRetry(requests, 'auth.challenge', 'mutation', {
      address: wallet.address,
    });
    if (challenge.outcome !== 'ok') continue;
    const { sessionId, message } = challenge.data as { sessionId: string; message: string };
    const signature = await wallet.signText(message);
    const verify = await requests.call('auth.verify', 'mutation', { sessionId, signature });
    if (verify.outcome !== 'ok') continue;
    const session = verify.data as { token: string; user: { id: string } };
    return { address: wallet.address, userId: session.user.id, token: session.token };
  }
  throw new Error('could not sign in in 20 rounds');
}

export interface Products {
  plenty: string;
  scarce: string;
  passOnly: string;
}

/** The soak's own catalog: one product with plenty, one scarce, one that needs a pass code. */
export async function createProducts(requests: Requests, admin: Session, tag: string) {
  const make = async (slug: string, stock: number, priceCents: number, passRequired = false) => {
    const answer = await callWithRetry(
      requests,
      'admin.product.upsert',
      'mutation',
      {
        slug: `soak-${tag}-${slug}`,
        name: `Soak ${slug}`,
        category: 'MERCH',
        priceCents,
        stock,
        passRequired,
      },
      admin.token,
    );
    if (answer.outcome !== 'ok') throw new Error(`could not create ${slug}: ${answer.reason}`);
    return (answer.data as { id: string }).id;
  };
  const products: Products = {
    plenty: await make('plenty', 1_000_000, 1250),
    scarce: await make('scarce', 8, 4000),
    passOnly: await make('pass-only', 1_000_000, 2500, true),
  };
  return products;
}
