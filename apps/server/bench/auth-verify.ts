import { createPublicKey, verify } from 'node:crypto';
import * as ed from '@noble/ed25519';
import { trpcClient } from '../test/http';
import { createWallet, signIn } from '../test/wallet';

export interface AuthVerifyResult {
  messages: number;
  nobleOpsPerSec: number;
  nodeOpsPerSec: number;
  signInsPerSec: number;
  signIns: number;
}

/**
 * The cost of ed25519 verification as auth.verify does it (@noble/ed25519, strict RFC 8032), next
 * to Node's built-in crypto.verify on the same messages, plus end-to-end sign-ins per second.
 */
export async function benchAuthVerify(options: {
  baseUrl: string;
  smoke: boolean;
}): Promise<AuthVerifyResult> {
  const count = options.smoke ? 50 : 2000;
  const secret = ed.utils.randomSecretKey();
  const publicKey = await ed.getPublicKeyAsync(secret);
  const messages = Array.from({ length: count }, (_, i) =>
    new TextEncoder().encode(
      `localhost:3000 wants you to sign in with your Solana account:\nnonce ${i}`,
    ),
  );
  const signatures = await Promise.all(messages.map((m) => ed.signAsync(m, secret)));
  const nodeKey = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
    format: 'jwk',
  });

  let t0 = performance.now();
  for (let i = 0; i < count; i++) {
    if (
      !(await ed.verifyAsync(signatures[i] as Uint8Array, messages[i] as Uint8Array, publicKey, {
        zip215: false,
      }))
    ) {
      throw new Error('noble rejected a valid signature');
    }
  }
  const nobleOpsPerSec = count / ((performance.now() - t0) / 1000);
  t0 = performance.now();
  for (let i = 0; i < count; i++) {
    if (!verify(null, messages[i] as Uint8Array, nodeKey, signatures[i] as Uint8Array)) {
      throw new Error('node rejected a valid signature');
    }
  }
  const nodeOpsPerSec = count / ((performance.now() - t0) / 1000);

  const signIns = options.smoke ? 10 : 300;
  const client = trpcClient(options.baseUrl);
  const wallets = await Promise.all(Array.from({ length: 10 }, () => createWallet()));
  t0 = performance.now();
  let done = 0;
  await Promise.all(
    wallets.map(async (wallet) => {
      while (done < signIns) {
        done++;
        await signIn(client, wallet);
      }
    }),
  );
  const signInsPerSec = done / ((performance.now() - t0) / 1000);
  return { messages: count, nobleOpsPerSec, nodeOpsPerSec, signInsPerSec, signIns: done };
}
