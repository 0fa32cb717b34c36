import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/**
 * `tsx bench/profile-top.ts file.cpuprofile [--top 25]`: the top entries of a V8 CPU profile
 * (written by `BENCH_CPU_PROF_DIR=dir pnpm bench -- --only …`) — self time by function and by
 * package, as shares of the busy samples (idle, GC and program excluded, shown separately) — the
 * figures docs/benchmarks.md quotes per change.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' } },
});
const file = positionals[0];
if (!file) {
  console.error('usage: tsx bench/profile-top.ts file.cpuprofile [--top N]');
  process.exit(1);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});

/** The package a script belongs to (pnpm's store path), `node:` for Node's own, else the file. */
function packageOf(url: string): string {
  if (url === '') return '(native)';
  if (url.startsWith('node:')) return 'node';
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pnpm?.[1]) return pnpm[1];
  const plain = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (plain?.[1]) return plain[1];
  return url.replace(/^.*\/(apps|packages)\//, '$1/');
}

const SPECIAL = new Set(['(idle)', '(garbage collector)', '(program)', '(root)']);
const fn = new Map<string, number>();
const pkg = new Map<string, number>();
const special = new Map<string, number>();
let busy = 0;
let total = 0;
for (const [id, us] of selfUs) {
  const node = byId.get(id);
  if (!node) continue;
  total += us;
  const { functionName, url, lineNumber } = node.callFrame;
  if (SPECIAL.has(functionName)) {
    special.set(functionName, (special.get(functionName) ?? 0) + us);
    continue;
  }
  busy += us;
  const where = packageOf(url);
  const key = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
  fn.set(key, (fn.get(key) ?? 0) + us);
  pkg.set(where, (pkg.get(where) ?? 0) + us);
}

const top = Number(values.top);
const pct = (us: number, of: number) => `${((100 * us) / of).toFixed(1)} %`;
const list = (m: Map<string, number>) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, us]) => `  ${pct(us, busy).padStart(7)}  ${k}`)
    .join('\n');

console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled, busy ${pct(busy, total)}`);
console.log([...special].map(([k, us]) => `  ${k} ${pct(us, total)} of all samples`).join('\n'));
console.log(`\nself time by package (share of busy samples):\n${list(pkg)}`);
console.log(`\nself time by function (share of busy samples):\n${list(fn)}`);
