import { randomBytes } from 'node:crypto';
import {
  type AdminPassCodeCreateInput,
  type CodeCheck,
  type CodeCheckInput,
  DomainError,
  type MyCodes,
  type PassCodeView,
} from '@puffy/core';
import { base58 } from '@scure/base';
import type { z } from 'zod';
import { isUniqueViolation } from '../db/errors';
import {
  insertPassCode,
  selectPassCode,
  selectPassCodesOfOwner,
  selectReferralCodeStanding,
} from '../db/queries/codes';
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

type CodeCheckDeps = Pick<Deps, 'database' | 'config' | 'clock'>;

/** Whether `order.create` would take this pass code now (the same tests as its reservation). */
async function passCodeVerdict(deps: CodeCheckDeps, code: string): Promise<CodeCheck['passCode']> {
  const row = await selectPassCode(deps.database.db, code);
  if (!row) return { accepted: false, refusal: 'PASS_CODE_INVALID' };
  if (row.expiresAt !== null && row.expiresAt <= deps.clock.now()) {
    return { accepted: false, refusal: 'PASS_CODE_EXPIRED' };
  }
  if (row.currentUses >= row.maxUses) return { accepted: false, refusal: 'PASS_CODE_EXHAUSTED' };
  return { accepted: true, refusal: null };
}

/** Whether `order.create` would take this referral code from this buyer now, and its discount. */
async function referralCodeVerdict(
  deps: CodeCheckDeps,
  code: string,
  buyerId: string,
): Promise<CodeCheck['referralCode']> {
  const refused = (refusal: NonNullable<CodeCheck['referralCode']>['refusal']) => ({
    accepted: false,
    refusal,
    discountBps: null,
  });
  const owner = await selectReferralCodeStanding(deps.database.db, code);
  if (!owner) return refused('REFERRAL_CODE_INVALID');
  if (owner.id === buyerId) return refused('SELF_REFERRAL');
  const { maxUses, discountBps } = deps.config.referral;
  if (maxUses !== null && owner.uses >= maxUses) return refused('REFERRAL_CODE_EXHAUSTED');
  return { accepted: true, refusal: null, discountBps };
}

/**
 * `code.check`: a verdict for each code given, read without taking a use. It is advice: the
 * order's own reservation still decides (a code's last use may go to someone else meanwhile).
 */
export async function checkCodes(
  deps: CodeCheckDeps,
  buyerId: string,
  input: z.output<typeof CodeCheckInput>,
): Promise<CodeCheck> {
  const [passCode, referralCode] = await Promise.all([
    input.passCode === undefined ? null : passCodeVerdict(deps, input.passCode),
    input.referralCode === undefined
      ? null
      : referralCodeVerdict(deps, input.referralCode, buyerId),
  ]);
  return { passCode, referralCode };
}

/** Whether a check found a wrong code (it then counts against the code-guessing budget). */
export const checkRefusedACode = (check: CodeCheck) =>
  check.passCode?.accepted === false || check.referralCode?.accepted === false;
