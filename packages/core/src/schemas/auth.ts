import { z } from 'zod';
import { SolanaAddress, SolanaSignature } from '../solana';
import { URL_SAFE_TOKEN } from './common';
import { User } from './user';

export const AuthChallengeInput = z.strictObject({ address: SolanaAddress });
export type AuthChallengeInput = z.input<typeof AuthChallengeInput>;

export const AuthVerifyInput = z.strictObject({
  sessionId: z.string().min(16).max(128).regex(URL_SAFE_TOKEN),
  signature: SolanaSignature,
});
export type AuthVerifyInput = z.input<typeof AuthVerifyInput>;

/** `auth.challenge` output: the exact text the wallet must sign. */
export const AuthChallenge = z.object({
  sessionId: z.string(),
  message: z.string(),
  expiresAt: z.date(),
});
export type AuthChallenge = z.infer<typeof AuthChallenge>;

/** `auth.verify` output. */
export const AuthSession = z.object({
  token: z.string(),
  expiresAt: z.date(),
  user: User,
});
export type AuthSession = z.infer<typeof AuthSession>;

/**
 * `auth.signInRequest` input. With `address`, the wallet must sign in with exactly that account;
 * without it, the wallet picks the account (connect and sign in one approval).
 */
export const AuthSignInRequestInput = z.strictObject({ address: SolanaAddress.optional() });
export type AuthSignInRequestInput = z.input<typeof AuthSignInRequestInput>;

/** The Sign-In-With-Solana input a wallet's `solana:signIn` takes, as the server issued it. */
export const SignInRequest = z.object({
  domain: z.string(),
  address: z.string().optional(),
  statement: z.string(),
  uri: z.string(),
  version: z.literal('1'),
  chainId: z.string(),
  nonce: z.string(),
  issuedAt: z.string(),
  expirationTime: z.string(),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

/** `auth.signInRequest` output: pass `input` to the wallet's `solana:signIn` unchanged. */
export const AuthSignInChallenge = z.object({
  sessionId: z.string(),
  input: SignInRequest,
  expiresAt: z.date(),
});
export type AuthSignInChallenge = z.infer<typeof AuthSignInChallenge>;

/** `auth.verifySignIn` input: what the wallet's `solana:signIn` returned. */
export const AuthVerifySignInInput = z.strictObject({
  sessionId: z.string().min(16).max(128).regex(URL_SAFE_TOKEN),
  /** The account the wallet signed in with. */
  address: SolanaAddress,
  /** The message the wallet built and signed, as UTF-8 text (SIWS messages are text). */
  message: z.string().min(1).max(2048),
  signature: SolanaSignature,
});
export type AuthVerifySignInInput = z.input<typeof AuthVerifySignInInput>;
