import { generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import * as ed from '@noble/ed25519';
import { base58 } from '@scure/base';
import { verifyWalletSignature } from '../src/domain/sign-in/wallet-signature';

export interface VerifyRound {
  /** Node's crypto.verify with a ready KeyObject: the anchor. */
  anchorPerSec: number;
  /** verifyWalletSignature as auth.verify calls it: base58 address and signature in. */
  walletPerSec: number;
  /** The same verifier on signatures over an altered message (refusals are decided by noble). */
  refusedPerSec: number;
  /** @noble/ed25519 verifyAsync with zip215: false: what auth.verify ran before. */
  noblePerSec: number;
}

export interface AuthVerifyResult {
  messages: number;
  keys: number;
  rounds: VerifyRound[];
}

interface Signed {
  address: string;
  signature: string;
  key: KeyObject;
  raw: { publicKey: Uint8Array; message: Uint8Array; signature: Uint8Array };
  message: string;
}

const perSec = (count: number, t0: number) => count / ((performance.now() - t0) / 1000);

async function timeAsync(items: Signed[], fn: (s: Signed) => Promise<boolean>, expected: boolean) {
  const t0 = performance.now();
  for (const s of items) {
    if ((await fn(s)) !== expected) throw new Error(`a verifier answered ${!expected}`);
  }
  return perSec(items.length, t0);
}

/**
 * Signature verification as auth.verify does it, against Node's crypto.verify on the same
 * SIWS-sized messages (the anchor), in alternating rounds so machine noise hits all alike.
 * Keys differ per message, as they do per sign-in, so nothing is cached between calls.
 */
export async function benchAuthVerify(options: { smoke: boolean }): Promise<AuthVerifyResult> {
  const count = options.smoke ? 40 : 3000;
  const keys = options.smoke ? 4 : 200;
  const rounds = options.smoke ? 1 : 5;
  const pairs = Array.from({ length: keys }, () => generateKeyPairSync('ed25519'));
  const signed: Signed[] = Array.from({ length: count }, (_, i) => {
    const pair = pairs[i % keys] ?? pairs[0];
    if (!pair) throw new Error('no keys');
    const publicKey = new Uint8Array(pair.publicKey.export({ format: 'der', type: 'spki' })).slice(
      12,
    );
    const message = `localhost:3000 wants you to sign in with your Solana account:\n${base58.encode(publicKey)}\n\nSign in to Puffy.\n\nURI: http://localhost:3000\nVersion: 1\nChain ID: devnet\nNonce: bench${i.toString().padStart(15, '0')}\nIssued At: 2026-11-30T00:00:00.000Z\nExpiration Time: 2026-11-30T00:10:00.000Z`;
    const bytes = new TextEncoder().encode(message);
    const signature = new Uint8Array(sign(null, bytes, pair.privateKey));
    return {
      address: base58.encode(publicKey),
      signature: base58.encode(signature),
      key: pair.publicKey,
      raw: { publicKey, message: bytes, signature },
      message,
    };
  });
  const altered = signed.map((s) => ({ ...s, message: `${s.message}!` }));
  const nobleShare = Math.max(10, Math.floor(count / 10)); // noble is ~15× slower: fewer calls

  // Warm-up: let the JIT compile every path before anything is timed.
  const warm = signed.slice(0, Math.min(200, count));
  for (const s of warm) verify(null, s.raw.message, s.key, s.raw.signature);
  await timeAsync(warm, (s) => verifyWalletSignature(s.address, s.message, s.signature), true);
  await timeAsync(
    altered.slice(0, 20),
    (s) => verifyWalletSignature(s.address, s.message, s.signature),
    false,
  );

  const results: VerifyRound[] = [];
  for (let round = 0; round < rounds; round++) {
    let t0 = performance.now();
    for (const s of signed) {
      if (!verify(null, s.raw.message, s.key, s.raw.signature)) throw new Error('anchor refused');
    }
    const anchorPerSec = perSec(count, t0);
    const walletPerSec = await timeAsync(
      signed,
      (s) => verifyWalletSignature(s.address, s.message, s.signature),
      true,
    );
    const refusedPerSec = await timeAsync(
      altered.slice(0, nobleShare),
      (s) => verifyWalletSignature(s.address, s.message, s.signature),
      false,
    );
    t0 = performance.now();
    for (const s of signed.slice(0, nobleShare)) {
      const ok = await ed.verifyAsync(s.raw.signature, s.raw.message, s.raw.publicKey, {
        zip215: false,
      });
      if (!ok) throw new Error('noble refused');
    }
    const noblePerSec = perSec(nobleShare, t0);
    results.push({ anchorPerSec, walletPerSec, refusedPerSec, noblePerSec });
  }
  return { messages: count, keys, rounds: results };
}
