import {
  AuthVerifyInput,
  AuthVerifySignInInput,
  createPuffyClient,
  isPuffyError,
} from '@puffy/client';
import { cookies } from 'next/headers';
import { z } from 'zod';
import { webSettings } from '../../../env';
import {
  forwardedFor,
  isSameOrigin,
  SESSION_COOKIE,
  sessionCookieOptions,
} from '../../../session/cookie';

/** What the browser proves: a signed challenge (`signMessage`) or a wallet's `solana:signIn`. */
const Proof = z.discriminatedUnion('kind', [
  AuthVerifyInput.extend({ kind: z.literal('message') }),
  AuthVerifySignInInput.extend({ kind: z.literal('signIn') }),
]);

const refuse = (status: number, reason: string, message: string) =>
  Response.json({ reason, message }, { status });

/**
 * `POST /api/session`: trades the wallet's proof for a session. The storefront's server sends it
 * to the API and keeps the token it gets back in an httpOnly cookie: the token never reaches a
 * page script, so an injected script cannot take it. Answers who signed in and until when.
 */
export async function POST(request: Request): Promise<Response> {
  if (!isSameOrigin(request)) return refuse(403, 'FORBIDDEN', 'Cross-site request refused');
  const parsed = Proof.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return refuse(400, 'VALIDATION_FAILED', 'The sign-in proof is malformed');
  const api = createPuffyClient({ url: webSettings().apiUrl, headers: forwardedFor(request) });
  try {
    const { kind, ...proof } = parsed.data;
    const session =
      kind === 'message'
        ? await api.auth.verify.mutate(proof as z.infer<typeof AuthVerifyInput>)
        : await api.auth.verifySignIn.mutate(proof as z.infer<typeof AuthVerifySignInInput>);
    (await cookies()).set(SESSION_COOKIE, session.token, sessionCookieOptions(session.expiresAt));
    const { id, address, role } = session.user;
    return Response.json({
      expiresAt: session.expiresAt.toISOString(),
      user: { id, address, role },
    });
  } catch (err) {
    if (!isPuffyError(err)) throw err;
    const reason = typeof err.data?.reason === 'string' ? err.data.reason : 'UNAVAILABLE';
    return refuse(err.data?.httpStatus ?? 502, reason, err.message);
  }
}

/** `DELETE /api/session`: forgets the cookie (signing out revokes the token first, via the API). */
export async function DELETE(request: Request): Promise<Response> {
  if (!isSameOrigin(request)) return refuse(403, 'FORBIDDEN', 'Cross-site request refused');
  (await cookies()).delete({ name: SESSION_COOKIE, path: '/api' });
  return new Response(null, { status: 204 });
}
