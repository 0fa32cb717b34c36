import type { WalletSigner, WalletSignIn } from '@puffy/client';
import {
  SolanaSignIn,
  type SolanaSignInFeature,
  SolanaSignMessage,
  type SolanaSignMessageFeature,
} from '@solana/wallet-standard-features';
import { getWallets } from '@wallet-standard/app';
import type { Wallet } from '@wallet-standard/base';
import { StandardConnect, type StandardConnectFeature } from '@wallet-standard/features';

/**
 * Installed Wallet Standard wallets (Phantom, Solflare, Backpack, …) that can sign in here:
 * those with `solana:signIn` (one approval: the wallet builds the Sign-In-With-Solana message
 * itself), and those that connect and sign arbitrary messages (`solana:signMessage`).
 */
export function signInCapableWallets(): Wallet[] {
  return getWallets()
    .get()
    .filter(
      (w) =>
        w.chains.some((c) => c.startsWith('solana:')) &&
        (SolanaSignIn in w.features ||
          (StandardConnect in w.features && SolanaSignMessage in w.features)),
    );
}

/** Calls `onChange` when a wallet registers or unregisters (extensions load late). */
export function watchWallets(onChange: () => void): () => void {
  const wallets = getWallets();
  const offRegister = wallets.on('register', onChange);
  const offUnregister = wallets.on('unregister', onChange);
  return () => {
    offRegister();
    offUnregister();
  };
}

/** The wallet's one-click sign-in, when it has `solana:signIn`; null for message-signing wallets. */
export function oneClickSignIn(wallet: Wallet): WalletSignIn | null {
  if (!(SolanaSignIn in wallet.features)) return null;
  const feature = (wallet.features as SolanaSignInFeature)[SolanaSignIn];
  return {
    async signIn(input) {
      const [output] = await feature.signIn(input);
      if (!output) throw new Error(`${wallet.name} returned no sign-in`);
      return {
        address: output.account.address,
        signedMessage: output.signedMessage,
        signature: output.signature,
      };
    },
  };
}

/** Connects to the wallet and offers its first Solana account as a signer for sign-in. */
export async function connectSigner(wallet: Wallet): Promise<WalletSigner> {
  const features = wallet.features as StandardConnectFeature & SolanaSignMessageFeature;
  const { accounts } = await features[StandardConnect].connect();
  const account = accounts.find((a) => a.chains.some((c) => c.startsWith('solana:')));
  if (!account) throw new Error(`${wallet.name} has no Solana account to sign in with`);
  return {
    address: account.address,
    async signMessage(message) {
      const [output] = await features[SolanaSignMessage].signMessage({ account, message });
      if (!output) throw new Error(`${wallet.name} returned no signature`);
      return output.signature;
    },
  };
}
