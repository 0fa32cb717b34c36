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
