import { createPrivateKey, sign } from 'node:crypto';
import { base58, hex } from '@scure/base';
import { describe, expect, it } from 'vitest';
import { createWallet } from '../../test/wallet';
import { verifyWalletSignature } from './wallet-signature';

/** RFC 8032 §7.1, tests 1–3: secret key, public key, message, signature (hex). */
const RFC8032 = [
  {
    secret: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature:
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    secret: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature:
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    secret: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    publicKey: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    message: 'af82',
    signature:
      '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
];

describe('verifyWalletSignature', () => {
  it('accepts the RFC 8032 test vectors and rejects them altered', async () => {
    for (const v of RFC8032) {
      const address = base58.encode(hex.decode(v.publicKey));
      const message = hex.decode(v.message);
      const signature = hex.decode(v.signature);
      expect(await verifyWalletSignature(address, message, base58.encode(signature))).toBe(true);
      const flipped = signature.slice();
      flipped[0] = (flipped[0] ?? 0) ^ 1;
      expect(await verifyWalletSignature(address, message, base58.encode(flipped))).toBe(false);
      const longer = new Uint8Array([...message, 0]);
      expect(await verifyWalletSignature(address, longer, base58.encode(signature))).toBe(false);
    }
  });

  it('uses vectors that Node crypto also produces (so the table above is not mistyped)', () => {
    const pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
    for (const v of RFC8032) {
      const key = createPrivateKey({
        key: Buffer.concat([pkcs8Prefix, Buffer.from(v.secret, 'hex')]),
        format: 'der',
        type: 'pkcs8',
      });
      expect(sign(null, Buffer.from(v.message, 'hex'), key).toString('hex')).toBe(v.signature);
    }
  });

  it('accepts a real wallet signature over the exact message and nothing else', async () => {
    const wallet = await createWallet();
    const other = await createWallet();
    const signature = await wallet.signText('sign in please');
    expect(await verifyWalletSignature(wallet.address, 'sign in please', signature)).toBe(true);
    expect(await verifyWalletSignature(wallet.address, 'sign in please!', signature)).toBe(false);
    expect(await verifyWalletSignature(other.address, 'sign in please', signature)).toBe(false);
  });

  it('rejects the small-order public key with the trivial signature (ZIP-215 would accept it)', async () => {
    const identity = new Uint8Array(32);
    identity[0] = 1; // the identity point, y = 1
    const address = base58.encode(identity);
    expect(address).toBe('4uQeVj5tqViQh7yWWGStvkEG1Zmhx6uasJtWCJziofM');
    const trivial = new Uint8Array(64);
    trivial[0] = 1; // R = identity, S = 0
    for (const message of ['', 'any message at all', 'Sign in to Puffy']) {
      expect(await verifyWalletSignature(address, message, base58.encode(trivial))).toBe(false);
    }
  });

  it('answers false, never throws, for wrong lengths and non-base58 input', async () => {
    const wallet = await createWallet();
    const cases = [
      base58.encode(new Uint8Array(63)),
      base58.encode(new Uint8Array(65)),
      '0OIl',
      '',
      'x'.repeat(200),
    ];
    for (const signature of cases) {
      expect(await verifyWalletSignature(wallet.address, 'm', signature)).toBe(false);
    }
    const good = await wallet.signText('m');
    expect(await verifyWalletSignature(base58.encode(new Uint8Array(31)), 'm', good)).toBe(false);
  });
});
