import { createPrivateKey, createPublicKey } from 'node:crypto';
import { base58 } from '@scure/base';

/**
 * The e2e admin's dev-wallet key: fixed, so the API can be started with its address in
 * ADMIN_ADDRESSES. A test key for a throwaway local server, never a real wallet.
 */
export const ADMIN_SECRET_HEX = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';

// PKCS#8 wrapping of a raw ed25519 seed (RFC 8410), so node:crypto derives the public key
// synchronously (the Playwright config cannot await).
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function addressOfSecret(secretHex: string): string {
  const key = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(secretHex, 'hex')]),
    format: 'der',
    type: 'pkcs8',
  });
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('no public key');
  return base58.encode(Buffer.from(jwk.x, 'base64url'));
}

export const ADMIN_ADDRESS = addressOfSecret(ADMIN_SECRET_HEX);
