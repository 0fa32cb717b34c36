/**
 * The API's reasons for refusing a session. Each means this browser is signed out, whatever the
 * page thinks: the token expired, was revoked (signed out elsewhere), was signed with a secret
 * the API no longer has, or never reached it (the cookie is gone).
 */
const SESSION_GONE = new Set([
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'TOKEN_REVOKED',
  'UNAUTHENTICATED',
]);

export function isSessionGone(reason: string | null | undefined): boolean {
  return reason !== null && reason !== undefined && SESSION_GONE.has(reason);
}
