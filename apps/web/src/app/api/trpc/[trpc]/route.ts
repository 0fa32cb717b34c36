import { cookies } from 'next/headers';
import { webSettings } from '../../../../env';
import { forwardedFor, isSameOrigin, SESSION_COOKIE } from '../../../../session/cookie';

/** Request headers the API reads; anything else (cookies, a page's own Authorization) stays here. */
const FORWARDED_REQUEST = ['content-type', 'accept', 'trpc-accept', 'x-trpc-source'];
/** Response headers a browser needs; hop-by-hop and encoding headers are the proxy's own. */
const FORWARDED_RESPONSE = ['content-type', 'retry-after', 'cache-control', 'vary'];

/**
 * The storefront's same-origin door to the API's tRPC route: the browser's calls come here with
 * the session cookie, and go on to the API with the token as a bearer header. The API stays the
 * only judge of the token; this adds it and passes everything else through unchanged.
 */
async function forward(request: Request, params: Promise<{ trpc: string }>): Promise<Response> {
  if (request.method !== 'GET' && !isSameOrigin(request)) {
    return Response.json({ message: 'Cross-site request refused' }, { status: 403 });
  }
  const { trpc } = await params;
  const search = new URL(request.url).search;
  const headers: Record<string, string> = forwardedFor(request);
  for (const name of FORWARDED_REQUEST) {
    const value = request.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (token) headers.authorization = `Bearer ${token}`;
  const upstream = await fetch(
    `${webSettings().apiUrl}/trpc/${encodeURIComponent(trpc).replaceAll('%2C', ',')}${search}`,
    {
      method: request.method,
      headers,
      body: request.method === 'GET' ? undefined : await request.arrayBuffer(),
      signal: request.signal,
      cache: 'no-store',
    },
  ).catch(() => null);
  if (upstream === null) {
    return Response.json({ message: 'The shop API is unavailable' }, { status: 502 });
  }
  const out = new Headers();
  for (const name of FORWARDED_RESPONSE) {
    const value = upstream.headers.get(name);
    if (value !== null) out.set(name, value);
  }
  return new Response(upstream.body, { status: upstream.status, headers: out });
}

type Context = { params: Promise<{ trpc: string }> };
export const GET = (request: Request, { params }: Context) => forward(request, params);
export const POST = (request: Request, { params }: Context) => forward(request, params);
