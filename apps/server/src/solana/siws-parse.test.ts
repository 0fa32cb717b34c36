import {
  createSignInMessageText,
  parseSignInMessageText as utilParse,
} from '@solana/wallet-standard-util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSignInMessage } from './siws-parse';

const ADDRESS = '9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin';
const MAXIMAL = [
  'shop.puffy.test wants you to sign in with your Solana account:',
  ADDRESS,
  '',
  'Sign in to Puffy.',
  '',
  'URI: https://shop.puffy.test',
  'Version: 1',
  'Chain ID: devnet',
  'Nonce: abcDEF1234567890xyzQ',
  'Issued At: 2026-01-01T00:00:00.000Z',
  'Expiration Time: 2026-01-01T00:10:00.000Z',
  'Not Before: 2026-01-01T00:00:00Z',
  'Request ID: req-1',
  'Resources:',
  '- https://shop.puffy.test/terms',
  '- ipfs://bafybeigdyrzt',
].join('\n');

/** The wallet library's own parse, without the keys it leaves undefined. */
const defined = (o: object | null) =>
  o && Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

describe('parseSignInMessage', () => {
  it('reads every field of a maximal message', () => {
    expect(parseSignInMessage(MAXIMAL)).toEqual({
      domain: 'shop.puffy.test',
      address: ADDRESS,
      statement: 'Sign in to Puffy.',
      uri: 'https://shop.puffy.test',
      version: '1',
      chainId: 'devnet',
      nonce: 'abcDEF1234567890xyzQ',
      issuedAt: '2026-01-01T00:00:00.000Z',
      expirationTime: '2026-01-01T00:10:00.000Z',
      notBefore: '2026-01-01T00:00:00Z',
      requestId: 'req-1',
      resources: ['https://shop.puffy.test/terms', 'ipfs://bafybeigdyrzt'],
    });
  });

  it('accepts every optional part left out: no statement, no fields, some fields', () => {
    const head = `shop.puffy.test wants you to sign in with your Solana account:\n${ADDRESS}`;
    expect(parseSignInMessage(head)).toEqual({ domain: 'shop.puffy.test', address: ADDRESS });
    expect(parseSignInMessage(`${head}\n\nHello`)).toMatchObject({ statement: 'Hello' });
    expect(
      parseSignInMessage(`${head}\n\nNonce: abcdefgh1\nExpiration Time: 2026-01-01T00:10:00+02:00`),
    ).toEqual({
      domain: 'shop.puffy.test',
      address: ADDRESS,
      nonce: 'abcdefgh1',
      expirationTime: '2026-01-01T00:10:00+02:00',
    });
  });

  const refusals: Array<[string, (m: string) => string]> = [
    [
      'fields out of order',
      (m) => m.replace('Version: 1\nChain ID: devnet', 'Chain ID: devnet\nVersion: 1'),
    ],
    ['a repeated field', (m) => m.replace('Version: 1', 'Version: 1\nVersion: 1')],
    ['an unknown line', (m) => m.replace('Version: 1', 'Version: 1\nColour: blue')],
    ['CRLF line ends', (m) => m.replaceAll('\n', '\r\n')],
    ['a trailing blank line', (m) => `${m}\n`],
    ['another version', (m) => m.replace('Version: 1', 'Version: 2')],
    ['a short nonce', (m) => m.replace('Nonce: abcDEF1234567890xyzQ', 'Nonce: abc')],
    [
      'a nonce with symbols',
      (m) => m.replace('Nonce: abcDEF1234567890xyzQ', 'Nonce: abcDEF12345-'),
    ],
    ['a time that is not RFC 3339', (m) => m.replace('2026-01-01T00:00:00.000Z', 'Jan 1 2026')],
    ['an unknown chain', (m) => m.replace('Chain ID: devnet', 'Chain ID: ethereum:1')],
    ['an address that is not 32 bytes', (m) => m.replace(ADDRESS, 'abc')],
    ['a domain with a space', (m) => m.replace('shop.puffy.test wants', 'shop puffy.test wants')],
    ['another header', (m) => m.replace('Solana account:', 'Ethereum account:')],
    ['a resource that is not a URI', (m) => m.replace('- ipfs://bafybeigdyrzt', '- not a uri')],
    ['a line after the resources', (m) => `${m}\nNonce: abcdefgh1`],
    ['a tab', (m) => m.replace('Sign in', 'Sign\tin')],
    ['no blank line before the fields', (m) => m.replace('Puffy.\n\nURI', 'Puffy.\nURI')],
    ['over 2 KB', (m) => m.replace('Sign in to Puffy.', 'x'.repeat(2100))],
  ];
  it.each(refusals)('refuses %s', (_name, change) => {
    expect(parseSignInMessage(MAXIMAL)).not.toBeNull();
    expect(parseSignInMessage(change(MAXIMAL))).toBeNull();
  });

  // Differential: @solana/wallet-standard-util builds messages as wallets do.
  const token = fc.stringMatching(/^[A-Za-z0-9]{8,24}$/);
  const time = fc
    .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString());
  const input = fc.record(
    {
      domain: fc.constantFrom('localhost:3000', 'shop.puffy.test', 'a.b.example'),
      address: fc.constant(ADDRESS),
      statement: fc.stringMatching(/^[A-Za-z0-9 .,!?'-]{1,80}$/),
      uri: fc.constantFrom('http://localhost:3000', 'https://shop.puffy.test/login'),
      version: fc.constant('1'),
      chainId: fc.constantFrom('devnet', 'mainnet', 'solana:devnet', 'solana:mainnet'),
      nonce: token,
      issuedAt: time,
      expirationTime: time,
      notBefore: time,
      requestId: token,
      resources: fc.array(fc.constantFrom('https://a.example/x', 'ipfs://bafy'), { maxLength: 3 }),
    },
    { requiredKeys: ['domain', 'address'] },
  );

  it('reads what the wallet library builds, for any subset of fields, as the library does', () => {
    fc.assert(
      fc.property(input, (fields) => {
        const text = createSignInMessageText(fields);
        const ours = parseSignInMessage(text);
        expect(ours).not.toBeNull();
        expect(ours).toEqual(defined(utilParse(text)));
      }),
      { numRuns: 500 },
    );
  });

  it('accepts nothing the wallet library would read differently (single-character edits)', () => {
    fc.assert(
      fc.property(
        input,
        fc.nat(),
        fc.constantFrom('\n', ' ', ':', 'a', '1', '-', '\r', ''),
        (fields, at, char) => {
          const text = createSignInMessageText(fields);
          const i = at % text.length;
          const edited = text.slice(0, i) + char + text.slice(i + 1);
          const ours = parseSignInMessage(edited);
          if (ours !== null) expect(ours).toEqual(defined(utilParse(edited)));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
