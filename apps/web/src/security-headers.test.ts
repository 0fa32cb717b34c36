import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './security-headers';

describe('contentSecurityPolicy', () => {
  it('allows scripts by nonce only, images from the API, and no framing', () => {
    const csp = contentSecurityPolicy('abc123', 'https://api.shop.example/base', false);
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("img-src 'self' data: blob: https://api.shop.example");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
  });

  it('relaxes only what `next dev` needs (eval for React, inline styles for its overlay)', () => {
    const csp = contentSecurityPolicy('abc123', 'http://localhost:3000', true);
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic' 'unsafe-eval'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
