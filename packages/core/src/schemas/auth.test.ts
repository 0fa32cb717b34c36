import { base58 } from '@scure/base';
import { describe, expect, it } from 'vitest';
import { AuthChallengeInput, AuthVerifyInput } from './auth';
import { ByIdInput } from './common';
import { TwitterLinkInput } from './twitter';

const signature = base58.encode(new Uint8Array(64).fill(9));

describe('auth inputs', () => {
  it('take a canonical address', () => {
    expect(
      AuthChallengeInput.safeParse({ address: 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v' })
        .success,
    ).toBe(true);
    expect(AuthChallengeInput.safeParse({ address: 'not-an-address' }).success).toBe(false);
    expect(AuthChallengeInput.safeParse({ publicKey: 'x' }).success).toBe(false);
  });

  it('take a session id and a 64-byte signature, and no client-sent message', () => {
    const sessionId = 'a'.repeat(32);
    expect(AuthVerifyInput.safeParse({ sessionId, signature }).success).toBe(true);
    expect(AuthVerifyInput.safeParse({ sessionId: 'short', signature }).success).toBe(false);
    expect(
      AuthVerifyInput.safeParse({ sessionId: `${'a'.repeat(20)}/..`, signature }).success,
    ).toBe(false);
    expect(AuthVerifyInput.safeParse({ sessionId, signature, message: 'hi' }).success).toBe(false);
  });
});

describe('TwitterLinkInput', () => {
  it('bounds code and state', () => {
    expect(TwitterLinkInput.safeParse({ code: 'c', state: 's'.repeat(43) }).success).toBe(true);
    expect(TwitterLinkInput.safeParse({ code: '', state: 's'.repeat(43) }).success).toBe(false);
    expect(TwitterLinkInput.safeParse({ code: 'c', state: 'short' }).success).toBe(false);
    expect(
      TwitterLinkInput.safeParse({ code: 'x'.repeat(2049), state: 's'.repeat(43) }).success,
    ).toBe(false);
  });
});

describe('ByIdInput', () => {
  it('takes a uuid only', () => {
    expect(ByIdInput.safeParse({ id: '4b9e3a4c-1f0e-4d6b-9a57-0c3c1f1d2e3f' }).success).toBe(true);
    expect(ByIdInput.safeParse({ id: '1' }).success).toBe(false);
    expect(ByIdInput.safeParse({ id: "1' OR '1'='1" }).success).toBe(false);
  });
});
