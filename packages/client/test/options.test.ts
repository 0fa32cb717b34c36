import { describe, expect, it } from 'vitest';
import { createPuffyClient, type PuffyClientOptions } from '../src/index';

/** Options as untyped JavaScript or a misconfigured env might pass them. */
function create(options: Record<string, unknown>) {
  return () => createPuffyClient(options as unknown as PuffyClientOptions);
}

describe('createPuffyClient option validation', () => {
  it.each([
    ['url', { url: 'ftp://api.test' }],
    ['url', { url: 'api.test' }],
    ['url', { url: '' }],
    ['url', { url: 42 }],
    ['url', { url: 'https://user:pass@api.test' }],
    ['url', { url: 'https://api.test/?x=1' }],
    ['timeoutMs', { url: 'https://api.test', timeoutMs: 0 }],
    ['timeoutMs', { url: 'https://api.test', timeoutMs: -5 }],
    ['timeoutMs', { url: 'https://api.test', timeoutMs: Number.NaN }],
    ['timeoutMs', { url: 'https://api.test', timeoutMs: Number.POSITIVE_INFINITY }],
    ['timeoutMs', { url: 'https://api.test', timeoutMs: '1000' }],
    ['timeoutMs', { url: 'https://api.test', timeoutMs: 2 ** 31 }],
    ['getToken', { url: 'https://api.test', getToken: 'token' }],
    ['fetch', { url: 'https://api.test', fetch: {} }],
    ['headers', { url: 'https://api.test', headers: 'authorization: x' }],
    ['maxBatchItems', { url: 'https://api.test', maxBatchItems: 0 }],
    ['maxBatchItems', { url: 'https://api.test', maxBatchItems: 2.5 }],
  ])('refuses a bad %s with a TypeError naming it', (option, options) => {
    expect(create(options)).toThrow(TypeError);
    expect(create(options)).toThrow(`\`${option}\``);
  });

  it('refuses a missing options object', () => {
    expect(() => createPuffyClient(undefined as unknown as PuffyClientOptions)).toThrow(TypeError);
  });

  it('accepts http and https URLs, with or without a path or trailing slash', () => {
    for (const url of ['http://127.0.0.1:3000', 'https://api.puffy.shop/', 'https://x.test/api']) {
      expect(create({ url, timeoutMs: 1 })).not.toThrow();
    }
  });
});
