import { randomBytes } from 'node:crypto';
import { DomainError, referralCodeFromBytes, type User, type UserRole } from '@puffy/core';
import type { DatabaseHandle } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import {
  insertUserIfAbsent,
  selectUserByAddress,
  type UserRow,
  updateUserRole,
} from '../db/queries/users';

/** The one mapping from a users row to the API's User. */
export function toUser(row: UserRow): User {
  return {
    id: row.id,
    address: row.address,
    role: row.role,
    referralCode: row.referralCode,
    twitter:
      row.twitterId !== null && row.twitterUsername !== null
        ? { id: row.twitterId, username: row.twitterUsername }
        : null,
    createdAt: row.createdAt,
  };
}

/**
 * The role an address has now. ADMIN_ADDRESSES is its only source, so the role is worked out on
 * every request from the setting (a set lookup) rather than read from the token: adding or
 * removing an admin takes effect on the next request, without signing in again.
 */
export function currentRole(adminAddresses: ReadonlySet<string>, address: string): UserRole {
  return adminAddresses.has(address) ? 'admin' : 'buyer';
}

/**
 * Gets or creates the user for a verified address. ADMIN_ADDRESSES is the source of truth for the
 * admin role: it is applied at every sign-in, so removing an address demotes it at its next one.
 * A referral code collision (40 random bits) is retried with a fresh code.
 */
export async function getOrCreateUser(
  database: DatabaseHandle,
  address: string,
  adminAddresses: ReadonlySet<string>,
): Promise<UserRow> {
  const role = currentRole(adminAddresses, address);
  // Most sign-ins are returning users: one read, not an insert attempt in a transaction.
  const existing = await selectUserByAddress(database, address);
  if (existing?.role === role) return existing;
  const db = database.db;
  for (let attempt = 1; ; attempt++) {
    try {
      const referralCode = referralCodeFromBytes(randomBytes(8));
      const row = await insertUserIfAbsent(db, { address, referralCode, role });
      return row.role === role ? row : await updateUserRole(db, row.id, role);
    } catch (err) {
      if (attempt < 5 && isUniqueViolation(err, 'users_referral_code_key')) continue;
      throw err;
    }
  }
}

/** `admin.user.byAddress`: the user who signed in with this wallet, or USER_NOT_FOUND. */
export async function userByAddress(database: DatabaseHandle, address: string): Promise<User> {
  const row = await selectUserByAddress(database, address);
  if (!row) throw new DomainError('USER_NOT_FOUND', 'No one has signed in with this wallet yet');
  return toUser(row);
}
