import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The procedures whose answers are the same for everyone: the public catalog. */
const PUBLIC_READS = new Set(['product.list', 'product.byId']);

function isAnonymousCatalogRead(req: FastifyRequest): boolean {
  const { path } = req.params as { path?: string };
  return (
    req.method === 'GET' &&
    path !== undefined &&
    PUBLIC_READS.has(path) &&
    req.headers.authorization === undefined &&
    (req.query as { batch?: string }).batch === undefined
  );
}

/**
 * HTTP caching for anonymous catalog reads: `Cache-Control: public, max-age=N` so a CDN or the
 * browser can serve repeats, and a strong ETag (sha-1 of the body) so a revalidation whose
 * If-None-Match still matches gets an empty 304. Signed-in and batched requests are never marked
 * cacheable. tRPC's own handler answers with a Web Response; its body is read here so both tRPC
 * paths answer alike.
 */
export function catalogCaching(maxAgeSeconds: number) {
  const mark = (req: FastifyRequest, reply: FastifyReply, body: Buffer) => {
    // sha-1 is plenty for telling two bodies apart, and cheaper than sha-256 on every answer.
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    reply.header('cache-control', `public, max-age=${maxAgeSeconds}`).header('etag', etag);
    if (req.headers['if-none-match']?.split(/\s*,\s*/).includes(etag)) {
      reply.code(304).removeHeader('content-type');
      return null;
    }
    return body;
  };
  // Callback style: the direct path's Buffer is handled without an extra promise per request.
  return (
    req: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
    done: (err: Error | null, payload?: unknown) => void,
  ) => {
    if (!isAnonymousCatalogRead(req)) return done(null, payload);
    if (Buffer.isBuffer(payload)) {
      return done(null, reply.statusCode === 200 ? mark(req, reply, payload) : payload);
    }
    if (!(payload instanceof Response) || payload.status !== 200) return done(null, payload);
    // tRPC's handler: take over its status and headers (Vary already merged with ours by the
    // hook before this one) and answer with its body as bytes.
    payload.arrayBuffer().then(
      (bytes) => {
        payload.headers.forEach((value, name) => {
          reply.header(name, value);
        });
        done(null, mark(req, reply, Buffer.from(bytes)));
      },
      (err: Error) => done(err),
    );
  };
}
