import { z } from 'zod';
import { SolanaAddress } from '../solana';
import { ReferralCode } from './code';
import { Id } from './common';

export const USER_ROLES = ['buyer', 'admin'] as const;
export const UserRole = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof UserRole>;

export const TwitterAccount = z.object({ id: z.string(), username: z.string() });
export type TwitterAccount = z.infer<typeof TwitterAccount>;

export const User = z.object({
  id: Id,
  address: SolanaAddress,
  role: UserRole,
  referralCode: ReferralCode,
  twitter: TwitterAccount.nullable(),
  createdAt: z.date(),
});
export type User = z.infer<typeof User>;

/** Points are counted in whole points; the database's bigint fits a JS number at shop scale. */
export const Balance = z.object({ points: z.number().int().nonnegative() });
export type Balance = z.infer<typeof Balance>;

/** `auth.me`: the caller's user, points balance and linked X account. */
export const Me = z.object({ user: User, balance: Balance, twitter: TwitterAccount.nullable() });
export type Me = z.infer<typeof Me>;
