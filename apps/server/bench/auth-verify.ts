import { generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import * as ed from '@noble/ed25519';
import { base58 } from '@scure/base';
import { verifyWalletSignature } from '../src/crypto/wallet-signature';

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

async function expectAll(items: Signed[], fn: (s: Signed) => Promise<boolean>, expected: boolean) {
  for (const s of items) {
    if ((await fn(s)) !== expected) throw new Error(`a verifier answered ${!expected}`);
  }
}

/**
 * Signature verification as auth.verify does it, against Node's crypto.verify on the same
 * SIWS-sized messages (the anchor), in alternating rounds so machine noise hits all alike.
 * Keys differ per message, as they do per sign-in, so nothing is cached between calls.
 */
export async function benchAuthVerify(options: { smoke: boolean }): Promise<AuthVerifyResult> {
  const count = options.smoke ? 200 : 3000;
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
  const wallet = (s: Signed) => verifyWalletSignature(s.address, s.message, s.signature);
  const noble = (s: Signed) =>
    ed.verifyAsync(s.raw.signature, s.raw.message, s.raw.publicKey, { zip215: false });

  // Warm-up: let the JIT compile every path before anything is timed.
  const warm = signed.slice(0, Math.min(200, count));
  for (const s of warm) verify(null, s.raw.message, s.key, s.raw.signature);
  await expectAll(warm, wallet, true);
  await expectAll(altered.slice(0, 20), wallet, false);

  // Small chunks, alternating which verifier goes first, so a burst of load from the other
  // processes on this machine hits the anchor and the verifier alike.
  const chunk = 50;
  const results: VerifyRound[] = [];
  for (let round = 0; round < rounds; round++) {
    const ms = { anchor: 0, wallet: 0, refused: 0, noble: 0 };
    const done = { anchor: 0, wallet: 0, refused: 0, noble: 0 };
    const anchor = (items: Signed[]) => {
      for (const s of items) {
        if (!verify(null, s.raw.message, s.key, s.raw.signature)) throw new Error('anchor refused');
      }
    };
    const timed = async (name: keyof typeof ms, items: Signed[], run: () => unknown) => {
      const t0 = performance.now();
      await run();
      ms[name] += performance.now() - t0;
      done[name] += items.length;
    };
    for (let c = 0; c * chunk < count; c++) {
      const items = signed.slice(c * chunk, (c + 1) * chunk);
      const runAnchor = () => timed('anchor', items, () => anchor(items));
      const runWallet = () => timed('wallet', items, () => expectAll(items, wallet, true));
      if (c % 2 === 0) {
        await runAnchor();
        await runWallet();
      } else {
        await runWallet();
        await runAnchor();
      }
      // noble is ~15× slower: one chunk in ten keeps its share of the time reasonable
      if (c % 10 === 0) {
        const refusals = altered.slice(c * chunk, (c + 1) * chunk);
        await timed('refused', refusals, () => expectAll(refusals, wallet, false));
        await timed('noble', items, () => expectAll(items, noble, true));
      }
    }
    const rate = (name: keyof typeof ms) => done[name] / (ms[name] / 1000);
    results.push({
      anchorPerSec: rate('anchor'),
      walletPerSec: rate('wallet'),
      refusedPerSec: rate('refused'),
      noblePerSec: rate('noble'),
    });
  }
  return { messages: count, keys, rounds: results };
}
