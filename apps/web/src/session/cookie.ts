/**
 * The session token's cookie: httpOnly (page scripts, and so injected ones, cannot read it),
 * SameSite=Lax (not sent on cross-site POSTs), Secure in production, and sent only to the
 * storefront's own `/api` routes, which add it to the calls they forward to the API.
 */
export const SESSION_COOKIE = 'puffy_session';

export function sessionCookieOptions(expires: Date) {
  return {
    httpOnly: true,
    secure: process.env.NODE_ENV === 'production',
    sameSite: 'lax' as const,
    path: '/api',
    expires,
  };
}

/**
 * A state-changing call must come from the storefront's own pages: a browser names the page's
 * origin in `Origin` on every POST/DELETE, so one from another site is refused here (SameSite
 * already keeps the cookie off it; this also covers a same-site sibling origin).
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return request.headers.get('sec-fetch-site') !== 'cross-site';
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** The client address chain for the API's per-IP limits (it trusts it only with TRUST_PROXY). */
export function forwardedFor(request: Request): Record<string, string> {
  const chain = request.headers.get('x-forwarded-for');
  return chain ? { 'x-forwarded-for': chain } : {};
}
