import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PassCode,
  REFERRAL_CODE_ALPHABET,
  REFERRAL_CODE_LENGTH,
  ReferralCode,
  referralCodeFromBytes,
} from './code';

describe('ReferralCode', () => {
  it('uses 32 unambiguous symbols', () => {
    expect(REFERRAL_CODE_ALPHABET).toHaveLength(32);
    expect(new Set(REFERRAL_CODE_ALPHABET).size).toBe(32);
    for (const ch of '01OI') expect(REFERRAL_CODE_ALPHABET).not.toContain(ch);
  });

  it('trims and upper-cases', () => {
    expect(ReferralCode.parse(' abcd2345 ')).toBe('ABCD2345');
  });

  it('refuses the wrong length and ambiguous characters', () => {
    for (const bad of ['ABCD234', 'ABCD23456', 'ABCD2340', 'ABCDO234', 'ABCD-234', '']) {
      expect(ReferralCode.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('says the real alphabet when it refuses a code', () => {
    const result = ReferralCode.safeParse('ABCDEFGI');
    const message = result.success ? '' : (result.error.issues[0]?.message ?? '');
    expect(message).toBe('expected 8 characters of A-Z and 0-9 except I, O, 0 and 1');
    // Every character the message allows is accepted, every one it names is refused.
    const excluded = new Set(message.split('except ')[1]?.split(/, | and /));
    for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') {
      expect(ReferralCode.safeParse(ch.repeat(8)).success, ch).toBe(!excluded.has(ch));
    }
  });

  it('accepts every generated code', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 16 }), (bytes) => {
        const code = referralCodeFromBytes(bytes);
        expect(code).toHaveLength(REFERRAL_CODE_LENGTH);
        expect(ReferralCode.parse(code)).toBe(code);
      }),
    );
    expect(() => referralCodeFromBytes(new Uint8Array(7))).toThrow();
  });
});

describe('PassCode', () => {
  it('trims and keeps case', () => {
    expect(PassCode.parse('  Early_Bird-2024 ')).toBe('Early_Bird-2024');
  });

  it('refuses short, long and unsafe codes', () => {
    for (const bad of ['abc', 'x'.repeat(65), 'has space', 'semi;colon', "quote'", '']) {
      expect(PassCode.safeParse(bad).success, bad).toBe(false);
    }
  });
});
