export const DEV_TOOLS_IN_PRODUCTION =
  'DEV_TOOLS must not be enabled when NODE_ENV=production: the storefront would offer a dev wallet whose key sits in localStorage and "Simulate payment" buttons. Unset DEV_TOOLS (or run `pnpm dev`).';

/**
 * Why this storefront must not start, or null. A production server (`next start` sets
 * NODE_ENV=production unless told otherwise) never shows the dev tools; the browser tests, which
 * need them, start it with NODE_ENV=test. Dependency-free: next.config.ts loads it, before any
 * workspace package could be compiled. The truthy spellings are those of core's DEV_TOOLS rule.
 */
export function devToolsRefusal(env: Record<string, string | undefined>): string | null {
  const devTools = ['true', '1', 'yes'].includes(env.DEV_TOOLS ?? '');
  return env.NODE_ENV === 'production' && devTools ? DEV_TOOLS_IN_PRODUCTION : null;
}
