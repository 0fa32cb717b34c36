import { createPublicKey, verify as opensslVerify } from 'node:crypto';
import * as ed from '@noble/ed25519';

/**
 * Strict ed25519 verification that answers exactly what `@noble/ed25519`'s
 * `verify(sig, msg, pub, { zip215: false })` answers, at OpenSSL's speed for valid signatures.
 *
 * Why the two verifiers can be combined this way:
 * - OpenSSL checks the cofactorless equation: it recomputes R' = [S]B − [k]A and requires its
 *   encoding to equal the signature's R bytes; it also refuses S ≥ L. noble (strict) decodes A and
 *   R canonically, refuses S ≥ L and small-order A, and checks the cofactored equation
 *   [8](R + [k]A − [S]B) = 0. Both hash the raw R ‖ A ‖ M bytes.
 * - Where OpenSSL accepts, noble accepts too — provided A is canonical (y < p) and not of small
 *   order, which OpenSSL does not check. Those two checks run first, on the bytes: if R' equals R
 *   exactly, R is the canonical encoding of a point, and R + [k]A − [S]B = 0.
 * - Where OpenSSL refuses, noble can still accept: a key holder can add a torsion component to A
 *   (a mixed-order key) or to R, which the cofactored equation ignores and the cofactorless one
 *   does not. Only noble can tell, so a refusal is decided by noble itself. Honest signatures never
 *   take that path; a refused one costs what every verification cost before.
 */
export async function verifyEd25519Strict(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): Promise<boolean> {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  // OpenSSL refuses S ≥ L as well; checking it here keeps the argument above independent of the
  // OpenSSL build that Node links.
  if (!isBelow(signature, 32, L_LE, false)) return false;
  if (!isBelow(publicKey, 0, P_LE, true) || hasSmallOrderY(publicKey)) return false;
  if (opensslAccepts(signature, message, publicKey)) return true;
  try {
    return await ed.verifyAsync(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

/** OpenSSL's answer alone: cofactorless, and blind to small-order and non-canonical keys. */
export function opensslAccepts(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) {
  try {
    // A JWK import builds the key straight from its 32 bytes; a DER import goes through OpenSSL's
    // decoder machinery and costs about as much as the verification itself.
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
      format: 'jwk',
    });
    return opensslVerify(null, message, key, signature);
  } catch {
    return false;
  }
}

const toLE = (n: bigint): Uint8Array => {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn);
  return out;
};

/** The group order L and the field prime p, little-endian like the encodings. */
const L_LE = toLE(2n ** 252n + 27742317777372353535851937790883648493n);
const P_LE = toLE(2n ** 255n - 19n);

/**
 * Is the 32-byte little-endian number at `bytes[offset..]` below `bound`? With `maskSign`, the top
 * bit (a point encoding's x sign) is left out, so this reads the y coordinate.
 */
function isBelow(bytes: Uint8Array, offset: number, bound: Uint8Array, maskSign: boolean) {
  for (let i = 31; i >= 0; i--) {
    const b = (bytes[offset + i] ?? 0) & (maskSign && i === 31 ? 0x7f : 0xff);
    const c = bound[i] ?? 0;
    if (b !== c) return b < c;
  }
  return false;
}

/**
 * The y coordinates of the eight points of small order (0, 1, p − 1 and the two of order 8),
 * derived from an order-8 point rather than typed in. A point with one of these y is of small order
 * whatever its x sign, and one with x = 0 and the sign bit set is invalid: noble refuses both.
 */
const SMALL_ORDER_Y: readonly Uint8Array[] = (() => {
  const order8 = ed.Point.fromHex(
    'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  );
  const ys = new Map<string, Uint8Array>();
  let point = ed.Point.ZERO;
  for (let i = 0; i < 8; i++) {
    const y = point.toBytes();
    y[31] = (y[31] ?? 0) & 0x7f;
    ys.set(Buffer.from(y).toString('hex'), y);
    point = point.add(order8);
  }
  if (!point.is0() || ys.size !== 5) throw new Error('small-order table is wrong');
  return [...ys.values()];
})();

function hasSmallOrderY(encoding: Uint8Array) {
  return SMALL_ORDER_Y.some((y) => {
    for (let i = 0; i < 31; i++) if (encoding[i] !== y[i]) return false;
    return ((encoding[31] ?? 0) & 0x7f) === y[31];
  });
}
