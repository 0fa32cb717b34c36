#!/usr/bin/env node
// The typed-client promise, proven: in a scratch copy of the workspace, rename `postalCode` in
// core's ShippingAddress and show that the storefront no longer compiles (errors in apps/web),
// while the unmodified copy does. node_modules are reused through symlinks, so nothing installs.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const PACKAGES = ['packages/core', 'packages/client', 'apps/server', 'apps/web'];
const SKIP = new Set(['node_modules', '.next', 'dist', '.data', '.turbo', 'e2e-artifacts']);
const ADDRESS_FILE = 'packages/core/src/schemas/address.ts';
const tsc = createRequire(join(repo, 'apps/web/package.json')).resolve('typescript/bin/tsc');

/** Recreates `from`'s node_modules at `to`: workspace links point into the scratch copy. */
function linkNodeModules(from, to, scratch) {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const source = join(from, name);
    const target = join(to, name);
    if (name.startsWith('@') && lstatSync(source).isDirectory()) {
      linkNodeModules(source, target, scratch);
      continue;
    }
    const real = realpathSync(source);
    const inWorkspace = real.startsWith(`${repo}/`) && !real.includes('/node_modules/');
    symlinkSync(inWorkspace ? join(scratch, relative(repo, real)) : real, target);
  }
}

function typecheckWeb(scratch) {
  const run = spawnSync(process.execPath, [tsc, '--noEmit', '-p', 'apps/web/tsconfig.json'], {
    cwd: scratch,
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const scratch = mkdtempSync(join(tmpdir(), 'puffy-type-proof-'));
let failed = false;
try {
  for (const file of ['package.json', 'tsconfig.base.json', 'pnpm-workspace.yaml']) {
    cpSync(join(repo, file), join(scratch, file));
  }
  for (const pkg of PACKAGES) {
    cpSync(join(repo, pkg), join(scratch, pkg), {
      recursive: true,
      filter: (src) => !SKIP.has(src.split('/').pop() ?? ''),
    });
    linkNodeModules(join(repo, pkg, 'node_modules'), join(scratch, pkg, 'node_modules'), scratch);
  }
  linkNodeModules(join(repo, 'node_modules'), join(scratch, 'node_modules'), scratch);

  const before = typecheckWeb(scratch);
  if (before.status !== 0) {
    console.error(`the unmodified copy does not typecheck:\n${before.output}`);
    failed = true;
  } else {
    console.log('unmodified: apps/web typechecks');
    const addressFile = join(scratch, ADDRESS_FILE);
    const source = readFileSync(addressFile, 'utf8');
    if (!source.includes('  postalCode: z'))
      throw new Error(`no postalCode field in ${ADDRESS_FILE}`);
    writeFileSync(addressFile, source.replace('  postalCode: z', '  postCode: z'));
    const after = typecheckWeb(scratch);
    const webErrors = after.output
      .split('\n')
      .filter((line) => line.startsWith('apps/web/') && line.includes('error TS'));
    if (after.status === 0 || webErrors.length === 0) {
      console.error(`renaming postalCode did not break apps/web:\n${after.output}`);
      failed = true;
    } else {
      console.log(
        `renamed ShippingAddress.postalCode → postCode: ${webErrors.length} errors in apps/web`,
      );
      for (const line of webErrors) console.log(`  ${line}`);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(failed ? 'type-safety proof FAILED' : 'type-safety proof OK');
process.exit(failed ? 1 : 0);
