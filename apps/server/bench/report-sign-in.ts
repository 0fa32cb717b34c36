import type { AuthVerifyResult } from './auth-verify';
import type { SignInResult } from './sign-in';
import type { SoakResult, SoakWindow } from './soak';

const f = (n: number, digits = 0) => n.toFixed(digits);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const spread = (xs: number[], digits: number) =>
  xs.length > 1
    ? `${f(Math.min(...xs), digits)}–${f(Math.max(...xs), digits)}`
    : f(xs[0] ?? 0, digits);

/** The report's sign-in section: verification against its anchor, and sign-ins end to end. */
export function renderSignInSection(verify: AuthVerifyResult, signIns: SignInResult): string {
  const ratios = verify.rounds.map((r) => r.walletPerSec / r.anchorPerSec);
  const nobleRatios = verify.rounds.map((r) => r.noblePerSec / r.anchorPerSec);
  const refusedRatios = verify.rounds.map((r) => r.refusedPerSec / r.anchorPerSec);
  const rows = verify.rounds
    .map(
      (r, i) =>
        `| ${i + 1} | ${f(r.anchorPerSec)} | ${f(r.walletPerSec)} | ${f(r.walletPerSec / r.anchorPerSec, 2)} | ${f(r.refusedPerSec)} | ${f(r.noblePerSec)} | ${f(r.noblePerSec / r.anchorPerSec, 2)} |`,
    )
    .join('\n');
  const signInRows = signIns.rounds
    .map(
      (r, i) =>
        `| ${i + 1} | ${f(r.signInsPerSec)} | ${f(r.p50Ms, 1)} | ${f(r.p99Ms, 1)} | ${f(r.serverCpuMs, 2)} |`,
    )
    .join('\n');
  return `## Sign-in: ed25519 verification beside crypto.verify, and sign-ins end to end

${verify.messages} SIWS-sized messages (~330 bytes) under ${verify.keys} different keys, one core,
${verify.rounds.length} round(s). Within a round the anchor and the verifier take turns on chunks of 50 signatures
(noble and the refusals on every tenth chunk), so bursts of load from other processes hit both
alike; each ratio is taken within its round. Verifications per second:

| round | Node \`crypto.verify\` (anchor, ready KeyObject) | \`verifyWalletSignature\` (base58 in, as auth.verify) | ratio | refused (altered message) | @noble/ed25519 \`verifyAsync\` (before) | ratio |
|---|---|---|---|---|---|---|
${rows}

**Ratio verifyWalletSignature / crypto.verify: ${f(median(ratios), 2)}** (median; ${spread(ratios, 2)} over the
rounds; target ≥ 0.5). Before, with noble alone: ${f(median(nobleRatios), 2)}. A refused signature is
decided by noble itself (only the cofactored equation can tell mixed-order cases), so refusals cost
what every verification cost before: ${f(median(refusedRatios), 2)}× the anchor.

End to end: ${signIns.wallets} wallets in parallel, challenge → sign → verify over HTTP against the
server (real Redis and Postgres), ${signIns.seconds} s per round. The rate depends on what else this
machine runs; the server's CPU time per sign-in (from /proc) does much less.

| round | sign-ins/s | p50 ms | p99 ms | server CPU ms per sign-in |
|---|---|---|---|---|
${signInRows}

${SIGN_IN_HISTORY}`;
}

/**
 * Figures of earlier runs, kept in the report so a rewrite of docs/benchmarks.md keeps the
 * before/after. "Before" runs used this bench with the previous wallet-signature.ts (noble alone).
 */
const SIGN_IN_HISTORY = `### Before and after, over several runs (2026-11-30, this machine shared with other builds and tests)

Verification ratio to \`crypto.verify\`: median of each run's five rounds (lowest–highest round).

| runs | auth.verify's verifier | rounds timed | ratio per run |
|---|---|---|---|
| before 1, 2 | noble \`verifyAsync\`, \`zip215: false\` | each verifier for a whole round | 0.11 (0.09–0.21), 0.11 (0.08–0.13) |
| before 3, 4 | noble \`verifyAsync\`, \`zip215: false\` | chunks of 50, taking turns | 0.07 (0.05–0.08), 0.07 (0.05–0.08) |
| after 1 | \`verifyEd25519Strict\` | each verifier for a whole round | 0.61 (0.46–0.92) |
| after 2–6 | \`verifyEd25519Strict\` | chunks of 50, taking turns | 0.81 (0.72–1.04), 0.72 (0.67–0.86), 0.85 (0.49–1.11), 0.78 (0.71–0.84), 0.74 (0.62–1.03) |

A valid signature now costs the base58 decoding, a JWK key import (~10 µs) and OpenSSL's
verification; the remaining gap to the anchor is mostly those two. Refused signatures still cost a
noble verification (0.02–0.1× the anchor): only noble can tell whether a torsion component makes
the cofactored equation hold. Each refusal burns its session and counts against the per-IP limit,
as before.

Sign-ins end to end, runs alternating before / after within fifteen minutes. Round 1 includes the
server's warm-up; the rate swings with the load others put on the machine (the same code ran at
30–320 sign-ins/s), the server's CPU per sign-in much less:

| | before 3 | after 3 | before 4 | after 4 |
|---|---|---|---|---|
| server CPU ms per sign-in, round 1 / 2 | 6.35 / 4.04 | 5.13 / 3.32 | 4.36 / 3.38 | 4.03 / 2.94 |
| sign-ins/s, round 1 / 2 | 30 / 76 | 39 / 55 | 74 / 128 | 67 / 81 |

The verification was ~1 ms of a sign-in's ~4 ms of server CPU and is now ~0.15 ms; the rest
(HTTP and tRPC, the rate-limit counter and the session in Redis, the user upsert in Postgres, the
JWT) was not this change's subject.
`;

/** The report's memory section: the soak's RSS samples and the leak verdict. */
export function renderMemorySection(soak: SoakResult | undefined): string {
  if (!soak) {
    return `## Memory: the API's RSS under mixed load

Not run in this invocation (\`--soak-minutes 0\`).
`;
  }
  const at = (s: number) => (soak.seconds >= 120 ? `minute ${f(s / 60, 1)}` : `${f(s, 1)} s`);
  const span = (w: SoakWindow) => `${at(w.fromSeconds)}–${at(w.toSeconds)}`;
  const pct = (a: number, b: number) => `${a >= b ? '+' : ''}${f((a / b - 1) * 100, 1)} %`;
  // Every 30 s in the table, however often the soak sampled.
  const every = Math.max(1, Math.round(30 / soak.sampleSeconds));
  const shown = soak.samples.filter((_, i) => i % every === 0 || i === soak.samples.length - 1);
  const samples = shown
    .map((s) => `${f(s.atSeconds / 60, 1)}: ${f(s.rssMiB)}/${f(s.heapMiB)}`)
    .join(', ');
  return `## Memory: the API's RSS under mixed load

${f(soak.seconds / 60, 1)} minutes of steady load on the same server process: 4 anonymous catalog readers
(\`product.list\`), 2 sign-in loops (a new wallet each time), 2 order loops (10 signed-in buyers).
Every ${f(soak.sampleSeconds)} s the server runs a full GC and reports its memory: RSS alone swings by a third
between collections, so the samples compare live sets.
Requests: ${soak.requests.catalog} catalog reads, ${soak.requests.signIns} sign-ins, ${soak.requests.orders} orders, ${soak.requests.errors} errors.

| | RSS MiB | V8 heap in use MiB |
|---|---|---|
| ${at(soak.baseline.atSeconds)} | **${f(soak.baseline.rssMiB, 1)}** | ${f(soak.baseline.heapMiB, 1)} |
| ${at(soak.final.atSeconds)} | **${f(soak.final.rssMiB, 1)}** | ${f(soak.final.heapMiB, 1)} |
| mean ${span(soak.early)} | ${f(soak.early.rssMiB, 1)} | ${f(soak.early.heapMiB, 1)} |
| mean ${span(soak.late)} | ${f(soak.late.rssMiB, 1)} (${pct(soak.late.rssMiB, soak.early.rssMiB)}) | ${f(soak.late.heapMiB, 1)} (${pct(soak.late.heapMiB, soak.early.heapMiB)}) |
| slope from ${at(soak.baseline.atSeconds)}, MiB/min | ${f(soak.rssSlope, 2)} | ${f(soak.heapSlope, 2)} |

Verdict: ${soak.grows ? '**GROWS** (a late mean more than 10 % above the early one)' : 'flat (late means within 10 % of the early ones)'}.
Samples every 30 s (minute: RSS/heap MiB): ${samples}

${MEMORY_HISTORY}`;
}

/** Earlier soaks, kept in the report for the same reason as the sign-in history. */
const MEMORY_HISTORY = `### Earlier soaks (2026-11-30)

The first two 10-minute soaks (runs after 1 and after 2 above) sampled RSS every 30 s without a GC: it swung between 134 and
250 MiB as V8 grew and compacted the heap (after 1: 218 MiB at minute 2, 241 MiB at minute 10,
least-squares slope −2.2 MiB/min; after 2: 187 and 247 MiB, +9.3 MiB/min), so two samples said
more about where each GC cycle stood than about leaks. The peaks, V8's ceiling, stayed at
240–250 MiB throughout both runs. Sampling after a full GC (above) measures the live set: about
30 MiB of heap and 130–200 MiB of RSS. After 5, the first soak sampled that way: RSS 169.8 MiB at
minute 2 and 158.4 MiB at minute 10 (means of minutes 2–6 and 6–10: 166.8 and 171.9 MiB, +3.1 %),
heap in use 30.3 and 32.1 MiB (means 31.3 and 32.6 MiB, +4.3 %; slope 0.38 MiB/min): flat.
After 6 (the section above) agreed: RSS means −0.2 %, heap +3.9 %, 0.39 MiB/min. Both runs show the heap in use
creeping by about 0.4 MiB a minute, well inside the 10 % limit; whether it levels off (caches
filling) or keeps going would take an hour-long soak (\`--soak-minutes 60\`) to tell.
Before this work the issue recorded 213 MiB of RSS after a bench run, without a GC.
`;
