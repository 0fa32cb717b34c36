import { isDomainError } from '@puffy/core';
import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { createFakeClock } from '../lib/clock';
import { createTokenService, JWT_AUDIENCE, JWT_ISSUER } from './tokens';

const SECRET = 'token-test-secret-0123456789-abcdefghijklmnop';
const user = {
  id: '3f0c1b9e-5a4d-4c2b-9e8f-1a2b3c4d5e6f',
  address: 'addr',
  role: 'buyer' as const,
};

function service(env: Record<string, string> = {}) {
  const clock = createFakeClock(new Date('2026-06-01T00:00:00Z'));
  const config = loadConfig({ JWT_SECRET: SECRET, JWT_TTL_SECONDS: '3600', ...env });
  return { clock, tokens: createTokenService(config, clock) };
}

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (isDomainError(err)) return err.reason;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('token service', () => {
  it('issues a token that verifies to the same user, with a kid and an expiry', async () => {
    const { tokens } = service();
    const issued = await tokens.issue(user);
    const header = JSON.parse(
      Buffer.from(issued.token.split('.')[0] ?? '', 'base64url').toString(),
    );
    expect(header).toMatchObject({ alg: 'HS256', kid: expect.any(String) });
    const claims = await tokens.verify(issued.token);
    expect(claims).toMatchObject({
      userId: user.id,
      address: 'addr',
      role: 'buyer',
      jti: issued.jti,
    });
    expect(claims.expiresAt.toISOString()).toBe('2026-06-01T01:00:00.000Z');
  });

  it('refuses an expired token with TOKEN_EXPIRED', async () => {
    const { tokens, clock } = service();
    const { token } = await tokens.issue(user);
    clock.advance(3600_000 + 10_000);
    expect(await reasonOf(tokens.verify(token))).toBe('TOKEN_EXPIRED');
  });

  it('a token verified before is still refused once it expires', async () => {
    const { tokens, clock } = service();
    const { token } = await tokens.issue(user);
    expect((await tokens.verify(token)).userId).toBe(user.id);
    clock.advance(3600_000 + 4_000); // within the 5 s clock tolerance
    expect((await tokens.verify(token)).userId).toBe(user.id);
    clock.advance(2_000);
    expect(await reasonOf(tokens.verify(token))).toBe('TOKEN_EXPIRED');
    expect(await reasonOf(tokens.verify(token))).toBe('TOKEN_EXPIRED');
  });

  it('refuses a token signed with another secret', async () => {
    const { tokens } = service();
    const other = service({ JWT_SECRET: 'another-secret-0123456789-abcdefghijklmnopq' }).tokens;
    const { token } = await other.issue(user);
    expect(await reasonOf(tokens.verify(token))).toBe('TOKEN_INVALID');
  });

  it('refuses alg: none', async () => {
    const { tokens } = service();
    const token = new UnsecuredJWT({ addr: 'addr', role: 'admin' })
      .setSubject(user.id)
      .setJti('j')
      .setIssuedAt()
      .setExpirationTime('1h')
      .setIssuer(JWT_ISSUER)
      .setAudience(JWT_AUDIENCE)
      .encode();
    expect(await reasonOf(tokens.verify(token))).toBe('TOKEN_INVALID');
  });

  it('refuses a correctly signed token without exp, with the wrong audience, or an unknown kid', async () => {
    const { tokens, clock } = service();
    const key = new TextEncoder().encode(SECRET);
    const { token: good } = await tokens.issue(user);
    const kid = JSON.parse(Buffer.from(good.split('.')[0] ?? '', 'base64url').toString()).kid;
    const base = () =>
      new SignJWT({ addr: 'addr', role: 'admin' })
        .setSubject(user.id)
        .setJti('j')
        .setIssuedAt(Math.floor(clock.now().getTime() / 1000))
        .setIssuer(JWT_ISSUER);
    const noExp = await base()
      .setAudience(JWT_AUDIENCE)
      .setProtectedHeader({ alg: 'HS256', kid })
      .sign(key);
    const wrongAudience = await base()
      .setAudience('someone-else')
      .setExpirationTime(Math.floor(clock.now().getTime() / 1000) + 60)
      .setProtectedHeader({ alg: 'HS256', kid })
      .sign(key);
    const unknownKid = await base()
      .setAudience(JWT_AUDIENCE)
      .setExpirationTime(Math.floor(clock.now().getTime() / 1000) + 60)
      .setProtectedHeader({ alg: 'HS256', kid: 'not-ours' })
      .sign(key);
    for (const token of [noExp, wrongAudience, unknownKid, 'garbage', `${good}x`]) {
      expect(await reasonOf(tokens.verify(token))).toBe('TOKEN_INVALID');
    }
  });

  it('keeps accepting tokens of the previous secret during a rotation', async () => {
    const old = service({ JWT_SECRET: 'the-old-secret-0123456789-abcdefghijklmnop' });
    const { token } = await old.tokens.issue(user);
    const rotated = service({ JWT_PREVIOUS_SECRET: 'the-old-secret-0123456789-abcdefghijklmnop' });
    expect((await rotated.tokens.verify(token)).userId).toBe(user.id);
    expect(await reasonOf(service().tokens.verify(token))).toBe('TOKEN_INVALID');
  });

  it('never puts the token in an error message', async () => {
    const { tokens, clock } = service();
    const { token } = await tokens.issue(user);
    clock.advance(7200_000);
    await expect(tokens.verify(token)).rejects.not.toThrow(token);
    const err = await tokens.verify(token).catch((e: unknown) => e);
    expect(JSON.stringify(err) + String(err)).not.toContain(token.split('.')[2]);
  });
});
