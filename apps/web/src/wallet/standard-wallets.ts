import type { WalletSigner } from '@puffy/client';
import { SolanaSignMessage, type SolanaSignMessageFeature } from '@solana/wallet-standard-features';
import { getWallets } from '@wallet-standard/app';
import type { Wallet } from '@wallet-standard/base';
import { StandardConnect, type StandardConnectFeature } from '@wallet-standard/features';

/**
 * Installed Wallet Standard wallets (Phantom, Solflare, Backpack, …) that can sign in here:
 * they connect and sign arbitrary messages (`solana:signMessage`), so they sign the server's
 * exact challenge bytes.
 */
export function signInCapableWallets(): Wallet[] {
  return getWallets()
    .get()
    .filter(
      (w) =>
        StandardConnect in w.features &&
        SolanaSignMessage in w.features &&
        w.chains.some((c) => c.startsWith('solana:')),
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
