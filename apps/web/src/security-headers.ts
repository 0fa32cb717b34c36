/**
 * The storefront's Content Security Policy for one response, built around a fresh nonce (Next.js
 * puts it on the scripts it renders). Scripts run only with the nonce (`strict-dynamic` lets them
 * load the app's chunks); the page talks only to its own origin (the API sits behind
 * `/api/trpc`); images may come from the API (product images), data: and blob: (wallet icons,
 * QR codes); no one may frame the shop.
 */
export function contentSecurityPolicy(nonce: string, apiUrl: string, dev: boolean): string {
  const apiOrigin = new URL(apiUrl).origin;
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // `next dev` injects its overlay's styles without a nonce; a nonce would disable
    // 'unsafe-inline', so development allows inline styles instead. Production stays strict.
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    `img-src 'self' data: blob: ${apiOrigin}`,
    "font-src 'self'",
    `connect-src 'self'${dev ? ' ws:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
