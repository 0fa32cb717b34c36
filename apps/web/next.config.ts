import type { NextConfig } from 'next';
import { PHASE_PRODUCTION_SERVER } from 'next/constants';
import { devToolsRefusal } from './src/dev-tools-guard';

const config: NextConfig = {
  // Workspace packages are TypeScript source ("just-in-time" packages).
  transpilePackages: ['@puffy/client', '@puffy/core'],
  // `pnpm typecheck` checks the app (CI runs it before the build); checking again here would
  // double the build's time on a 2-core machine.
  typescript: { ignoreBuildErrors: true },
  // No next/image: nothing to optimise, and no native image dependency to install.
  images: { unoptimized: true },
  poweredByHeader: false,
  // On every response, assets and API routes included; pages also get a CSP (src/proxy.ts).
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
        ],
      },
    ];
  },
  reactStrictMode: true,
};

export default function nextConfig(phase: string): NextConfig {
  // `next start` of a production build refuses the dev tools before it listens.
  const refusal = phase === PHASE_PRODUCTION_SERVER ? devToolsRefusal(process.env) : null;
  if (refusal) {
    console.error(refusal);
    process.exit(1);
  }
  return config;
}
