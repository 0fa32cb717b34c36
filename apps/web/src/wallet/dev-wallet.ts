import * as ed from '@noble/ed25519';
import type { WalletSigner } from '@puffy/client';
import { base58, hex } from '@scure/base';

/** Where the dev wallet keeps its key: this browser's localStorage (developers and tests only). */
export const DEV_WALLET_STORAGE_KEY = 'puffy.devWallet.secretKey';

interface KeyStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The wallet for a 32-byte ed25519 secret key (hex): the same interface a real wallet offers. */
export async function devWalletFromSecret(secretHex: string): Promise<WalletSigner> {
  const secret = hex.decode(secretHex);
  const publicKey = await ed.getPublicKeyAsync(secret);
  return {
    address: base58.encode(publicKey),
    signMessage: (message) => ed.signAsync(message, secret),
  };
}

/**
 * The dev wallet: a local ed25519 key, made on first use and kept in `storage`, so a developer
 * (or a test) signs in with no browser extension. Its address is a real Solana address.
 */
export async function loadDevWallet(storage: KeyStorage): Promise<WalletSigner> {
  let secretHex = storage.getItem(DEV_WALLET_STORAGE_KEY);
  if (secretHex === null || !/^[0-9a-f]{64}$/.test(secretHex)) {
    secretHex = hex.encode(ed.utils.randomSecretKey());
    storage.setItem(DEV_WALLET_STORAGE_KEY, secretHex);
  }
  return devWalletFromSecret(secretHex);
}
