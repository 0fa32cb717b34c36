import { describe, expect, it } from 'vitest';
import { isSameOrigin } from './cookie';

const request = (headers: Record<string, string>) =>
  new Request('http://shop.example/api/session', { method: 'POST', headers });

describe('isSameOrigin', () => {
  it("accepts the storefront's own pages and refuses other sites", () => {
    expect(isSameOrigin(request({ host: 'shop.example', origin: 'http://shop.example' }))).toBe(
      true,
    );
    expect(isSameOrigin(request({ host: 'shop.example', origin: 'https://evil.example' }))).toBe(
      false,
    );
    expect(isSameOrigin(request({ host: 'shop.example', origin: 'null' }))).toBe(false);
    expect(isSameOrigin(request({ host: 'shop.example', 'sec-fetch-site': 'cross-site' }))).toBe(
      false,
    );
  });
});
