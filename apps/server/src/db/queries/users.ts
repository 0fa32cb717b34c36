import type { UserRole } from '@puffy/core';
import { and, eq, ne } from 'drizzle-orm';
import type { Database } from '../client';
import { balances, users } from '../schema';

export type UserRow = typeof users.$inferSelect;

/**
 * Inserts the user and its balance if the address is new, in one transaction. Concurrent first
 * sign-ins race on the unique address: the losers' INSERT … ON CONFLICT DO NOTHING returns nothing
 * and they read the winner's row, so one address is always one user and one balance.
 */
export async function insertUserIfAbsent(
  db: Database,
  values: { address: string; referralCode: string; role: UserRole },
): Promise<UserRow> {
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(users)
      .values(values)
      .onConflictDoNothing({ target: users.address })
      .returning();
    if (inserted) {
      await tx.insert(balances).values({ userId: inserted.id, points: 0 });
      return inserted;
    }
    const [existing] = await tx.select().from(users).where(eq(users.address, values.address));
    if (!existing) throw new Error('user vanished between conflict and select');
    return existing;
  });
}

export async function updateUserRole(db: Database, id: string, role: UserRole): Promise<UserRow> {
  const [row] = await db.update(users).set({ role }).where(eq(users.id, id)).returning();
  if (!row) throw new Error('user vanished during role update');
  return row;
}

export async function selectUserById(db: Database, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function selectUserByAddress(
  db: Database,
  address: string,
): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.address, address));
  return row;
}

export async function selectUserWithBalance(db: Database, id: string) {
  const [row] = await db
    .select({ user: users, points: balances.points })
    .from(users)
    .leftJoin(balances, eq(balances.userId, users.id))
    .where(eq(users.id, id));
  return row;
}

/** Links an X account; the unique index on twitter_id rejects one already linked elsewhere. */
export async function setTwitterAccount(
  db: Database,
  userId: string,
  account: { id: string; username: string } | null,
): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({ twitterId: account?.id ?? null, twitterUsername: account?.username ?? null })
    .where(eq(users.id, userId))
    .returning();
  return row;
}

export async function selectUserByTwitterId(db: Database, twitterId: string, exceptUserId: string) {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.twitterId, twitterId), ne(users.id, exceptUserId)));
  return row;
}
