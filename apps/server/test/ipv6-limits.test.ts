import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawCall } from './http';
import { createWallet } from './wallet';
import { createWorld, type World } from './world';

describe('IPv6 clients are limited by their /64', () => {
  let world: World;
  let url: string;
  beforeAll(async () => {
    world = await createWorld({ env: { TRUST_PROXY: 'true', RATE_LIMIT_AUTH_PER_MIN: '5' } });
    ({ url } = await world.listen());
  });
  afterAll(() => world.close());

  const challengeFrom = async (ip: string) => {
    const { address } = await createWallet();
    return rawCall(
      url,
      'auth.challenge',
      'mutation',
      { address },
      {
        headers: { 'x-forwarded-for': ip },
      },
    );
  };

  it('a new address in the same /64 does not get a fresh auth budget', async () => {
    for (let i = 1; i <= 5; i++) {
      expect((await challengeFrom(`2001:db8:aa:bb::${i.toString(16)}`)).status).toBe(200);
    }
    expect((await challengeFrom('2001:db8:aa:bb:1234:5678:9abc:def0')).status).toBe(429);
    expect((await challengeFrom('2001:db8:aa:bc::1')).status).toBe(200);
  });
});
