#!/usr/bin/env node
// First-load JavaScript of a page, measured from the built app: every script the page's HTML
// loads, fetched from the running server and gzipped (level 9). `noModule` scripts (legacy
// polyfills) are left out: modern browsers never download them. Usage:
//   node scripts/first-load-js.mjs http://127.0.0.1:3001/ [--max-kb 150]
// With --max-kb it exits 1 when the page's first-load JavaScript is over that budget (the
// browser tests run it against the catalog, so CI holds the budget).
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const budgetAt = args.indexOf('--max-kb');
const budgetKb = budgetAt === -1 ? null : Number(args[budgetAt + 1]);
const isUrl = (a, i) => !a.startsWith('--') && (budgetAt === -1 || i !== budgetAt + 1);
const pageUrl = args.find(isUrl) ?? 'http://127.0.0.1:3001/';
const html = await (await fetch(pageUrl)).text();
const sources = [...html.matchAll(/<script([^>]*)\ssrc="([^"]+)"([^>]*)>/g)]
  .filter((m) => !/nomodule/i.test(`${m[1]}${m[3]}`))
  .map((m) => m[2]);
const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map((m) => m[1])
  .join('');

let raw = 0;
let gzip = 0;
for (const src of new Set(sources)) {
  const body = Buffer.from(await (await fetch(new URL(src, pageUrl))).arrayBuffer());
  const zipped = gzipSync(body, { level: 9 }).length;
  raw += body.length;
  gzip += zipped;
  console.log(`${(zipped / 1024).toFixed(1).padStart(7)} kB  ${src}`);
}
const inlineGzip = gzipSync(Buffer.from(inline), { level: 9 }).length;
console.log(
  `${(inlineGzip / 1024).toFixed(1).padStart(7)} kB  (inline scripts: RSC payload and data)`,
);
console.log(
  `first-load JS: ${(gzip / 1024).toFixed(1)} kB gzip (${(raw / 1024).toFixed(1)} kB raw) in ${new Set(sources).size} files`,
);
if (budgetKb !== null && gzip / 1024 > budgetKb) {
  console.error(`over budget: ${(gzip / 1024).toFixed(1)} kB > ${budgetKb} kB gzip`);
  process.exit(1);
}
