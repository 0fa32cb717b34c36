import { type NextRequest, NextResponse } from 'next/server';
import { webSettings } from './env';
import { contentSecurityPolicy } from './security-headers';

/**
 * Runs before every page (Next.js's `proxy`, once `middleware`): a fresh nonce per request, the
 * CSP built on it (Next.js reads it from the request to stamp its scripts) on the response. The
 * headers every response carries (nosniff, Referrer-Policy) are set in next.config.ts.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy(
    nonce,
    webSettings().apiUrl,
    process.env.NODE_ENV === 'development',
  );
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

export const config = {
  matcher: [
    // Pages, not built assets or the API routes (JSON, no scripts to stamp).
    {
      source: '/((?!api/|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
