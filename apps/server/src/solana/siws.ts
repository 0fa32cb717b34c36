import { randomBytes } from 'node:crypto';

/** What a Sign-In-With-Solana message binds the signature to. */
export interface SignInFields {
  domain: string;
  address: string;
  statement: string;
  uri: string;
  chainId: string;
  nonce: string;
  issuedAt: Date;
  expirationTime: Date;
}

export const SIGN_IN_STATEMENT = 'Sign in to Puffy. This request costs nothing and moves no funds.';

/** Messages are capped so a wallet never shows (and we never store) an unbounded text. */
export const MAX_MESSAGE_BYTES = 2048;

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A nonce of `length` alphanumeric characters (EIP-4361 requires ≥ 8 alphanumerics). 62 symbols
 * from bytes below 248 (= 4 × 62) avoid modulo bias; 20 characters carry ~119 bits (≥ 96 required).
 */
export function randomNonce(length = 20): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHANUMERIC.charAt(byte % 62);
    }
  }
  return out;
}

/**
 * The EIP-4361 / CAIP-122 text layout, as Solana wallets produce it for SIWS
 * (`<domain> wants you to sign in with your Solana account:`). The server signs nothing with it:
 * it stores this exact text and later verifies the wallet's signature over these exact bytes.
 */
export function buildSignInMessage(f: SignInFields): string {
  const message = [
    `${f.domain} wants you to sign in with your Solana account:`,
    f.address,
    '',
    f.statement,
    '',
    `URI: ${f.uri}`,
    'Version: 1',
    `Chain ID: ${f.chainId}`,
    `Nonce: ${f.nonce}`,
    `Issued At: ${f.issuedAt.toISOString()}`,
    `Expiration Time: ${f.expirationTime.toISOString()}`,
  ].join('\n');
  if (Buffer.byteLength(message, 'utf8') > MAX_MESSAGE_BYTES) {
    throw new Error('sign-in message exceeds 2 KB; check SIWS_DOMAIN and SIWS_URI');
  }
  return message;
}
