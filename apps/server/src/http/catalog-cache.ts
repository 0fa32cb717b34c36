import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { CatalogAnswer, CatalogAnswers, CatalogRead, Metrics } from '../deps';
import type { Clock } from '../lib/clock';

/** The procedures whose answers are the same for everyone: the public catalog. */
const PUBLIC_READS = new Set(['product.list', 'product.byId']);

/**
 * How long an answer may be served, from the moment the read that built it began: the bound on
 * how stale a price an instance can serve after the write that changed it, on every instance,
 * with no message that has to arrive.
 */
export const CATALOG_ANSWER_MS = 1000;
/** Bounds on what the answers may hold: pages are a few kB, and query strings are the client's. */
const MAX_ANSWERS = 2000;
const MAX_ANSWER_BYTES = 16 * 2 ** 20;

interface Kept extends CatalogAnswer {
  readonly startedAt: number;
}

/** The in-process answers, bounded by count and bytes (least recently used go first). */
export function createCatalogAnswers(clock: Clock): CatalogAnswers {
  const kept = new LRUCache<string, Kept>({
    max: MAX_ANSWERS,
    maxSize: MAX_ANSWER_BYTES,
    sizeCalculation: (answer, key) => answer.body.length + key.length + 64,
  });
  let generation = 0;
  return {
    get(key) {
      const answer = kept.get(key);
      if (!answer) return undefined;
      if (clock.now().getTime() - answer.startedAt < CATALOG_ANSWER_MS) return answer;
      kept.delete(key);
      return undefined;
    },
    begin: () => ({ startedAt: clock.now().getTime(), generation }),
    set(key, read, answer) {
      // A read that began before an invalidation may carry the old catalog: never keep it.
      if (read.generation === generation) kept.set(key, { ...answer, startedAt: read.startedAt });
    },
    invalidate() {
      generation++;
      kept.clear();
    },
  };
}

function catalogPathOf(req: FastifyRequest): string | undefined {
  const { path } = req.params as { path?: string };
  if (
    req.method === 'GET' &&
    path !== undefined &&
    PUBLIC_READS.has(path) &&
    req.headers.authorization === undefined &&
    req.headers['trpc-accept'] === undefined &&
    (req.query as { batch?: string }).batch === undefined
  ) {
    return path;
  }
  return undefined;
}

/** Adds to Vary instead of replacing it: CORS has already put `Origin` there. */
function addVary(reply: FastifyReply, value: string | null) {
  if (!value) return;
  const existing = reply.getHeader('vary');
  reply.header('vary', existing ? `${String(existing)}, ${value}` : value);
}

/**
 * HTTP caching headers of an anonymous catalog answer: `Cache-Control: public, max-age=N` so a
 * CDN or the browser can serve repeats, and a strong ETag so a revalidation whose If-None-Match
 * still matches gets an empty 304.
 */
function mark(req: FastifyRequest, reply: FastifyReply, answer: CatalogAnswer, maxAge: number) {
  if (maxAge > 0) {
    reply.header('cache-control', `public, max-age=${maxAge}`).header('etag', answer.etag);
    if (req.headers['if-none-match']?.split(/\s*,\s*/).includes(answer.etag)) {
      reply.code(304).removeHeader('content-type');
      return null;
    }
  }
  return answer.body;
}

/**
 * The catalog from memory: an anonymous GET of `product.list` / `product.byId` (no
 * Authorization, no batch) whose answer is fresh is answered in `onRequest`, before tRPC runs,
 * with the bytes and headers tRPC's own handler sent for it. A miss goes on to tRPC, and its
 * answer is kept on the way out (`onSend`). Signed-in, batched and failed answers are never kept
 * nor marked cacheable. Hooks in callback style: on this hot path an async hook's extra promise is
 * a measurable share of a request.
 */
export function catalogCache(options: {
  answers: CatalogAnswers;
  metrics: Metrics;
  maxAgeSeconds: number;
}) {
  const { answers, metrics, maxAgeSeconds } = options;
  const reads = new WeakMap<FastifyRequest, CatalogRead>();
  const hits = new WeakSet<FastifyRequest>();

  const onRequest = (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const path = catalogPathOf(req);
    if (path === undefined) return done();
    const answer = answers.get(req.url);
    if (!answer) {
      reads.set(req, answers.begin());
      return done();
    }
    hits.add(req);
    metrics.request(path, 'OK', reply.elapsedTime / 1000);
    addVary(reply, answer.vary);
    // A Buffer, as tRPC's handler answered: Fastify would add "; charset=utf-8" to a string's type.
    reply
      .code(200)
      .header('content-type', 'application/json')
      .send(mark(req, reply, answer, maxAgeSeconds));
  };

  const keep = (req: FastifyRequest, reply: FastifyReply, body: Buffer, vary: string | null) => {
    // sha-1 is plenty for telling two bodies apart, and cheaper than sha-256.
    const answer = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, vary };
    const read = reads.get(req);
    if (read) answers.set(req.url, read, answer);
    return mark(req, reply, answer, maxAgeSeconds);
  };

  const onSend = (
    req: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
    done: (err: Error | null, payload?: unknown) => void,
  ) => {
    if (hits.has(req) || !reads.has(req)) return done(null, payload);
    if (!(payload instanceof Response) || payload.status !== 200) return done(null, payload);
    // tRPC's handler: take over its status and headers (Vary already merged with ours by the
    // hook before this one) and answer with its body as bytes.
    const theirVary = payload.headers.get('vary');
    payload.arrayBuffer().then(
      (bytes) => {
        payload.headers.forEach((value, name) => {
          if (name !== 'vary') reply.header(name, value);
        });
        addVary(reply, theirVary);
        done(null, keep(req, reply, Buffer.from(bytes), theirVary));
      },
      (err: Error) => done(err),
    );
  };

  return { onRequest, onSend };
}
