// One import for a storefront: core's schemas, rules and types, plus the typed API client.
export * from '@puffy/core';
export {
  createPuffyClient,
  createPuffyLinks,
  DEFAULT_TIMEOUT_MS,
  isAbortError,
  isTimeoutError,
  MAX_BATCH_ITEMS,
  MAX_URL_LENGTH,
  type PuffyClientOptions,
  type PuffyFetch,
  PuffyTimeoutError,
} from './client';
export {
  signInWithSolanaSignIn,
  signInWithWallet,
  type WalletSigner,
  type WalletSignIn,
} from './sign-in';
export * from './types';
