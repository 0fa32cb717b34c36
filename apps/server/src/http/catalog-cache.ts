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
 * browser can serve repeats, and a strong ETag (sha-256 of the body) so a revalidation whose
 * If-None-Match still matches gets an empty 304. Signed-in and batched requests are never marked
 * cacheable. tRPC's own handler answers with a Web Response; its body is read here so both tRPC
 * paths answer alike.
 */
export function catalogCaching(maxAgeSeconds: number) {
  return async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (!isAnonymousCatalogRead(req)) return payload;
    let body: Buffer;
    if (payload instanceof Response) {
      if (payload.status !== 200) return payload;
      body = Buffer.from(await payload.arrayBuffer());
      // Its Vary already holds ours too (merged by the hook before this one).
      for (const [name, value] of payload.headers) reply.header(name, value);
    } else if (Buffer.isBuffer(payload) && reply.statusCode === 200) {
      body = payload;
    } else {
      return payload;
    }
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    reply.header('cache-control', `public, max-age=${maxAgeSeconds}`).header('etag', etag);
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch?.split(/\s*,\s*/).includes(etag)) {
      reply.code(304).removeHeader('content-type');
      return null;
    }
    return body;
  };
}
