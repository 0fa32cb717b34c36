/**
 * A Wallet Standard wallet for the browser tests, injected before the page loads: it registers
 * the way extensions do (the `wallet-standard:*` window events), connects one Solana account and
 * signs messages with a WebCrypto ed25519 key. Self-contained: Playwright ships its source.
 */
export function installTestWallet() {
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
      features: ['solana:signMessage'],
    };
    (window as unknown as { testWalletAddress: string }).testWalletAddress = account.address;
    let accounts: (typeof account)[] = [];
    const wallet = {
      version: '1.0.0',
      name: 'Test Wallet',
      icon: 'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=',
      chains: ['solana:devnet'],
      get accounts() {
        return accounts;
      },
      features: {
        'standard:connect': {
          version: '1.0.0',
          connect: async () => {
            accounts = [account];
            return { accounts };
          },
        },
        'standard:events': { version: '1.0.0', on: () => () => {} },
        'solana:signMessage': {
          version: '1.0.0',
          signMessage: (...inputs: Array<{ message: Uint8Array<ArrayBuffer> }>) =>
            Promise.all(
              inputs.map(async ({ message }) => ({
                signedMessage: message,
                signature: new Uint8Array(
                  await crypto.subtle.sign('Ed25519', keys.privateKey, message),
                ),
              })),
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
