import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as ed from '@noble/ed25519';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { opensslAccepts, verifyEd25519Strict } from './ed25519-strict';

/**
 * Differential test: the fast verifier must decide exactly as @noble/ed25519 with
 * `zip215: false` (the reference, what auth.verify used before) on published vectors and on
 * fuzzed signatures, including the mixed-order and small-order cases where OpenSSL alone differs.
 */

const bytes = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
const fixture = <T>(name: string): T =>
  JSON.parse(
    readFileSync(new URL(`../../test/fixtures/ed25519/${name}`, import.meta.url), 'utf8'),
  ) as T;

async function reference(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) {
  try {
    return await ed.verifyAsync(signature, message, publicKey, { zip215: false });
  } catch {
    return false; // noble throws on wrong lengths; auth.verify always answered false there
  }
}

async function expectSameDecision(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
  label: string,
): Promise<boolean> {
  const expected = await reference(signature, message, publicKey);
  expect(await verifyEd25519Strict(signature, message, publicKey), label).toBe(expected);
  return expected;
}

// Curve facts for building signatures by hand (as a key holder could).
const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const P = 2n ** 255n - 19n;
const B = ed.Point.BASE;
const ORDER_8 = ed.Point.fromHex(
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
);
const TORSION = Array.from({ length: 8 }, (_, i) => {
  let t = ed.Point.ZERO;
  for (let j = 0; j < i; j++) t = t.add(ORDER_8);
  return t;
});
const toLE = (n: bigint) => {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn);
  return out;
};
const fromLE = (b: Uint8Array) => BigInt(`0x${Buffer.from(b).reverse().toString('hex') || '0'}`);
const challenge = (r: Uint8Array, a: Uint8Array, m: Uint8Array) =>
  fromLE(createHash('sha512').update(r).update(a).update(m).digest()) % L;

/** S = r + k·a for chosen R and A encodings: what the owner of scalar `a` would sign. */
function ownerSignature(
  rBytes: Uint8Array,
  aBytes: Uint8Array,
  r: bigint,
  a: bigint,
  m: Uint8Array,
) {
  const s = (r + challenge(rBytes, aBytes, m) * a) % L;
  return Uint8Array.from([...rBytes, ...toLE(s)]);
}

/** Every encoding of a small-order point: canonical, sign-bit variants, and y + p where it fits. */
const SMALL_ORDER_ENCODINGS: Uint8Array[] = (() => {
  const out: Uint8Array[] = [];
  for (const t of TORSION) {
    const canonical = t.toBytes();
    const y = fromLE(canonical) & ((1n << 255n) - 1n);
    for (const yy of y + P < 2n ** 255n ? [y, y + P] : [y]) {
      for (const sign of [0, 0x80]) {
        const e = toLE(yy);
        e[31] = (e[31] ?? 0) | sign;
        out.push(e);
      }
    }
  }
  return out;
})();

/** RFC 8032 section 7.1: TEST 1, 2, 3 and SHA(abc), each as public key, message, signature. */
const RFC8032 = [
  [
    'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    '',
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  ],
  [
    '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    '72',
    '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  ],
  [
    'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    'af82',
    '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  ],
  [
    // TEST SHA(abc): the message is SHA-512("abc"), 64 bytes.
    'ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf',
    'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    'dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704',
  ],
] as const;

describe('verifyEd25519Strict decides exactly as noble (zip215: false)', () => {
  it('on RFC 8032 vectors, and on each with every single bit of the signature flipped', async () => {
    for (const [pk, msg, sig] of RFC8032) {
      expect(await expectSameDecision(bytes(sig), bytes(msg), bytes(pk), `rfc ${pk}`)).toBe(true);
      for (let bit = 0; bit < 512; bit++) {
        const flipped = bytes(sig);
        flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));
        await expectSameDecision(flipped, bytes(msg), bytes(pk), `rfc ${pk} bit ${bit}`);
      }
    }
  });

  it("on all of Wycheproof's ed25519 vectors, and noble gives Wycheproof's expected result", async () => {
    const { groups } = fixture<{
      groups: { pk: string; tests: [number, string, string, 'valid' | 'invalid'][] }[];
    }>('wycheproof-ed25519.json');
    let count = 0;
    for (const { pk, tests } of groups) {
      for (const [id, msg, sig, result] of tests) {
        const decision = await expectSameDecision(bytes(sig), bytes(msg), bytes(pk), `tc ${id}`);
        expect(decision, `tc ${id}`).toBe(result === 'valid');
        count++;
      }
    }
    expect(count).toBe(151);
  });

  it('on the "Taming the many EdDSAs" cases, where OpenSSL alone disagrees both ways', async () => {
    const { cases } = fixture<{
      cases: { message: string; pub_key: string; signature: string }[];
    }>('speccheck-cases.json');
    const disagreements = { opensslOnly: 0, nobleOnly: 0 };
    for (const [i, c] of cases.entries()) {
      const [sig, msg, pk] = [bytes(c.signature), bytes(c.message), bytes(c.pub_key)];
      const decision = await expectSameDecision(sig, msg, pk, `case ${i}`);
      const openssl = opensslAccepts(sig, msg, pk);
      if (openssl && !decision) disagreements.opensslOnly++;
      if (!openssl && decision) disagreements.nobleOnly++;
    }
    // Small-order keys that OpenSSL accepts (the pre-checks refuse them) and mixed-order cases only
    // the cofactored equation accepts (noble decides them): both must really be in this set.
    expect(disagreements.opensslOnly).toBeGreaterThanOrEqual(3);
    expect(disagreements.nobleOnly).toBeGreaterThanOrEqual(3);
  });

  it('refuses a non-canonical encoding of the identity as key, which OpenSSL accepts', async () => {
    const key = toLE(P + 1n); // y = p + 1, i.e. y = 1 (the identity) written non-canonically
    const s = 12345n;
    const sig = Uint8Array.from([...B.multiply(s).toBytes(), ...toLE(s)]); // R = [S]B, k·A = 0
    const msg = new TextEncoder().encode('any message at all');
    expect(opensslAccepts(sig, msg, key)).toBe(true);
    expect(await expectSameDecision(sig, msg, key, 'non-canonical identity key')).toBe(false);
  });

  it('accepts small-order R exactly where noble does (the key holder can make such signatures)', async () => {
    const a = 0x1234567890abcdefn;
    const aBytes = B.multiply(a).toBytes();
    const msg = new TextEncoder().encode('sign in');
    for (const rBytes of SMALL_ORDER_ENCODINGS) {
      const sig = ownerSignature(rBytes, aBytes, 0n, a, msg);
      await expectSameDecision(
        sig,
        msg,
        aBytes,
        `small-order R ${Buffer.from(rBytes).toString('hex')}`,
      );
    }
    // The identity as R with S = k·a satisfies both equations; an order-8 R only the cofactored one.
    const identity = ownerSignature(TORSION[0]?.toBytes() ?? new Uint8Array(), aBytes, 0n, a, msg);
    expect(await verifyEd25519Strict(identity, msg, aBytes)).toBe(true);
    const order8 = ownerSignature(ORDER_8.toBytes(), aBytes, 0n, a, msg);
    expect(opensslAccepts(order8, msg, aBytes)).toBe(false);
    expect(await verifyEd25519Strict(order8, msg, aBytes)).toBe(true);
  });

  it('on fuzzed mutations of valid signatures: bit flips in signature, message and key, S + nL', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 300 }),
        fc.oneof(
          fc.record({ kind: fc.constant('none' as const) }),
          fc.record({ kind: fc.constant('sig' as const), bit: fc.nat(511) }),
          fc.record({ kind: fc.constant('msg' as const), bit: fc.nat(2399) }),
          fc.record({ kind: fc.constant('key' as const), bit: fc.nat(255) }),
          fc.record({ kind: fc.constant('s+nL' as const), n: fc.integer({ min: 1, max: 12 }) }),
        ),
        async (secret, message, mutation) => {
          const publicKey = await ed.getPublicKeyAsync(secret);
          const signature = await ed.signAsync(message, secret);
          const [sig, msg, key] = [signature.slice(), message.slice(), publicKey.slice()];
          const flip = (b: Uint8Array, bit: number) => {
            const i = (bit >> 3) % Math.max(b.length, 1);
            if (b.length) b[i] = (b[i] ?? 0) ^ (1 << (bit & 7));
          };
          if (mutation.kind === 'sig') flip(sig, mutation.bit);
          if (mutation.kind === 'msg') flip(msg, mutation.bit);
          if (mutation.kind === 'key') flip(key, mutation.bit);
          if (mutation.kind === 's+nL') {
            sig.set(toLE(fromLE(sig.subarray(32)) + BigInt(mutation.n) * L), 32);
          }
          const decision = await expectSameDecision(sig, msg, key, JSON.stringify(mutation));
          if (mutation.kind === 'none') expect(decision).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('on mixed-order keys and R built by the key holder, with every torsion component', async () => {
    let accepted = 0;
    let onlyCofactored = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 1n, max: L - 1n }),
        fc.bigInt({ min: 1n, max: L - 1n }),
        fc.nat(7),
        fc.nat(7),
        fc.uint8Array({ maxLength: 64 }),
        async (a, r, i, j, msg) => {
          const aBytes = B.multiply(a)
            .add(TORSION[i] ?? ed.Point.ZERO)
            .toBytes();
          const rBytes = B.multiply(r)
            .add(TORSION[j] ?? ed.Point.ZERO)
            .toBytes();
          const sig = ownerSignature(rBytes, aBytes, r, a, msg);
          if (await expectSameDecision(sig, msg, aBytes, `torsion ${i}/${j}`)) accepted++;
          if (!opensslAccepts(sig, msg, aBytes) && (await reference(sig, msg, aBytes)))
            onlyCofactored++;
        },
      ),
      { numRuns: 200 },
    );
    expect(accepted).toBe(200); // the cofactored equation ignores torsion: all of them verify
    expect(onlyCofactored).toBeGreaterThan(100);
  });

  it('on small-order keys in every encoding, with trivial and crafted signatures', async () => {
    const msg = new TextEncoder().encode('Sign in to Puffy');
    for (const key of SMALL_ORDER_ENCODINGS) {
      for (const rBytes of SMALL_ORDER_ENCODINGS) {
        const trivial = Uint8Array.from([...rBytes, ...new Uint8Array(32)]);
        await expectSameDecision(trivial, msg, key, 'small-order key, S = 0');
      }
      const s = 777n;
      const crafted = Uint8Array.from([...B.multiply(s).toBytes(), ...toLE(s)]);
      await expectSameDecision(crafted, msg, key, 'small-order key, R = [S]B');
    }
  });

  it('on random bytes and wrong lengths', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 70 }),
        fc.uint8Array({ maxLength: 40 }),
        fc.uint8Array({ minLength: 30, maxLength: 34 }),
        async (sig, msg, key) => {
          await expectSameDecision(sig, msg, key, 'random');
        },
      ),
      { numRuns: 300 },
    );
  });
});
