/**
 * A Wallet Standard wallet with `solana:signIn`, as Phantom, Solflare and Backpack offer it:
 * given the dapp's fields, it picks its account, lays out the Sign-In-With-Solana message itself
 * (only the fields it was given, in the format's order, its own way of joining them) and signs it,
 * all in one approval. It has no `solana:signMessage`, so the storefront must use `signIn`.
 * Every approval it would ask a person for is counted in `window.testWalletApprovals`.
 * Self-contained: Playwright ships its source into the page.
 */
export function installSignInWallet() {
  const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  const base58 = (bytes: Uint8Array) => {
    const digits = [0];
    for (const byte of bytes) {
      let carry = byte;
      for (let i = 0; i < digits.length; i++) {
        carry += (digits[i] ?? 0) << 8;
        digits[i] = carry % 58;
        carry = Math.floor(carry / 58);
      }
      while (carry > 0) {
        digits.push(carry % 58);
        carry = Math.floor(carry / 58);
      }
    }
    let out = '';
    for (const byte of bytes) {
      if (byte !== 0) break;
      out += '1';
    }
    for (let i = digits.length - 1; i >= 0; i--) out += ALPHABET[digits[i] ?? 0];
    return out;
  };
  type Input = Partial<Record<string, string>>;
  const state = window as unknown as {
    testWalletAddress: string;
    testWalletApprovals: number;
    testWalletMessage: string;
  };
  state.testWalletApprovals = 0;

  // The wallet's own layout: header, account, the statement if given, then each advanced field
  // the dapp gave, none it did not (no Not Before, Request ID or Resources here).
  const buildMessage = (input: Input, address: string) => {
    const head = [
      `${input.domain ?? window.location.host} wants you to sign in with your Solana account:`,
      address,
    ];
    const parts = [head.join('\n')];
    if (input.statement) parts.push(input.statement);
    const labels: Array<[string, string]> = [
      ['uri', 'URI'],
      ['version', 'Version'],
      ['chainId', 'Chain ID'],
      ['nonce', 'Nonce'],
      ['issuedAt', 'Issued At'],
      ['expirationTime', 'Expiration Time'],
    ];
    const fields = labels
      .filter(([key]) => input[key] !== undefined)
      .map(([key, label]) => `${label}: ${input[key]}`);
    if (fields.length > 0) parts.push(fields.join('\n'));
    return parts.join('\n\n');
  };

  void (async () => {
    const keys = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', keys.publicKey));
    const account = {
      address: base58(publicKey),
      publicKey,
      chains: ['solana:devnet'],
      features: ['solana:signIn'],
    };
    state.testWalletAddress = account.address;
    let accounts: (typeof account)[] = [];
    const wallet = {
      version: '1.0.0',
      name: 'One-Click Wallet',
      icon: 'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=',
      chains: ['solana:devnet'],
      get accounts() {
        return accounts;
      },
      features: {
        'standard:connect': {
          version: '1.0.0',
          connect: async () => {
            state.testWalletApprovals++;
            accounts = [account];
            return { accounts };
          },
        },
        'standard:events': { version: '1.0.0', on: () => () => {} },
        'solana:signIn': {
          version: '1.0.0',
          signIn: (...inputs: Input[]) =>
            Promise.all(
              inputs.map(async (input) => {
                // One approval: connecting and signing in are one prompt.
                state.testWalletApprovals++;
                accounts = [account];
                const text = buildMessage(input, account.address);
                state.testWalletMessage = text;
                const signedMessage = new TextEncoder().encode(text);
                const signature = new Uint8Array(
                  await crypto.subtle.sign('Ed25519', keys.privateKey, signedMessage),
                );
                return { account, signedMessage, signature, signatureType: 'ed25519' };
              }),
            ),
        },
      },
    };
    const register = ({ register }: { register: (w: typeof wallet) => void }) => register(wallet);
    window.addEventListener('wallet-standard:app-ready', (event) =>
      register((event as CustomEvent).detail),
    );
    window.dispatchEvent(new CustomEvent('wallet-standard:register-wallet', { detail: register }));
  })();
}
