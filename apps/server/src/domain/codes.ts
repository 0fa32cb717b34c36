import { randomBytes } from 'node:crypto';
import {
  type AdminPassCodeCreateInput,
  DomainError,
  type MyCodes,
  type PassCodeView,
} from '@puffy/core';
import { base58 } from '@scure/base';
import type { z } from 'zod';
import { isUniqueViolation } from '../db/errors';
import { insertPassCode, selectPassCodesOfOwner } from '../db/queries/codes';
import { selectUserById } from '../db/queries/users';
import type { Deps } from '../deps';

type PassCodeRow = Awaited<ReturnType<typeof insertPassCode>>;

export function toPassCodeView(row: PassCodeRow): PassCodeView {
  return {
    id: row.id,
    code: row.code,
    ownerId: row.ownerId,
    maxUses: row.maxUses,
    currentUses: row.currentUses,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
  };
}

/** `admin.passCode.create`: a code for an existing user; generated (12 base58 chars) if not given. */
export async function createPassCode(
  deps: Pick<Deps, 'database' | 'clock'>,
  input: z.output<typeof AdminPassCodeCreateInput>,
): Promise<PassCodeView> {
  const db = deps.database.db;
  if (input.expiresAt !== undefined && input.expiresAt <= deps.clock.now()) {
    throw new DomainError('VALIDATION_FAILED', 'expiresAt must be in the future');
  }
  if (!(await selectUserById(db, input.ownerId))) {
    throw new DomainError('USER_NOT_FOUND', 'No such user to own the code');
  }
  const code = input.code ?? base58.encode(randomBytes(9));
  try {
    return toPassCodeView(
      await insertPassCode(db, {
        ownerId: input.ownerId,
        code,
        maxUses: input.maxUses,
        expiresAt: input.expiresAt ?? null,
      }),
    );
  } catch (err) {
    if (isUniqueViolation(err, 'pass_codes_code_key')) {
      throw new DomainError('PASS_CODE_TAKEN', 'That pass code already exists');
    }
    throw err;
  }
}

/** `code.mine`: the caller's referral code with its uses, and the pass codes they own. */
export async function myCodes(
  deps: Pick<Deps, 'database' | 'config'>,
  userId: string,
): Promise<MyCodes> {
  const db = deps.database.db;
  const [user, passCodes] = await Promise.all([
    selectUserById(db, userId),
    selectPassCodesOfOwner(db, userId),
  ]);
  if (!user) throw new DomainError('UNAUTHENTICATED', 'This account no longer exists');
  return {
    referralCode: user.referralCode,
    referralUses: user.referralUses,
    maxReferralUses: deps.config.referral.maxUses,
    passCodes: passCodes.map(toPassCodeView),
  };
}
