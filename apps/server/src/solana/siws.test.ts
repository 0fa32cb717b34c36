import { describe, expect, it } from 'vitest';
import { buildSignInMessage, randomNonce, SIGN_IN_STATEMENT } from './siws';

describe('Sign-In-With-Solana message', () => {
  it('has the EIP-4361 / CAIP-122 layout wallets produce', () => {
    const message = buildSignInMessage({
      domain: 'shop.puffy.test',
      address: '9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin',
      statement: SIGN_IN_STATEMENT,
      uri: 'https://shop.puffy.test',
      chainId: 'devnet',
      nonce: 'abcDEF1234567890xyzQ',
      issuedAt: new Date('2026-01-01T00:00:00.000Z'),
      expirationTime: new Date('2026-01-01T00:10:00.000Z'),
    });
    expect(message).toBe(
      [
        'shop.puffy.test wants you to sign in with your Solana account:',
        '9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin',
        '',
        SIGN_IN_STATEMENT,
        '',
        'URI: https://shop.puffy.test',
        'Version: 1',
        'Chain ID: devnet',
        'Nonce: abcDEF1234567890xyzQ',
        'Issued At: 2026-01-01T00:00:00.000Z',
        'Expiration Time: 2026-01-01T00:10:00.000Z',
      ].join('\n'),
    );
  });

  it('makes alphanumeric nonces of at least 16 characters that do not repeat', () => {
    const nonces = new Set(Array.from({ length: 1000 }, () => randomNonce()));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9]{20}$/);
  });

  it('refuses to build a message over 2 KB', () => {
    expect(() =>
      buildSignInMessage({
        domain: 'd'.repeat(2100),
        address: 'a',
        statement: 's',
        uri: 'u',
        chainId: 'devnet',
        nonce: 'n',
        issuedAt: new Date(),
        expirationTime: new Date(),
      }),
    ).toThrow(/2 KB/);
  });
});
