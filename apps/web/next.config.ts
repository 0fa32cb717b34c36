import type { NextConfig } from 'next';

const config: NextConfig = {
  // Workspace packages are TypeScript source ("just-in-time" packages).
  transpilePackages: ['@puffy/client', '@puffy/core'],
  // `pnpm typecheck` checks the app (CI runs it before the build); checking again here would
  // double the build's time on a 2-core machine.
  typescript: { ignoreBuildErrors: true },
  // No next/image: nothing to optimise, and no native image dependency to install.
  images: { unoptimized: true },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
