import {
  AuthChallenge,
  AuthChallengeInput,
  AuthSession,
  AuthSignInChallenge,
  AuthSignInRequestInput,
  AuthVerifyInput,
  AuthVerifySignInInput,
  Me,
  Ok,
} from '@puffy/core';
import type { TRPCRouterRecord } from '@trpc/server';
import {
  createChallenge,
  createSignInRequest,
  logout,
  me,
  verifySignIn,
  verifyWalletSignIn,
} from '../../domain/sign-in';
import { authedProcedure, publicProcedure } from '../procedures';

export const authRouter = {
  challenge: publicProcedure
    .meta({
      rateLimit: 'auth',
      summary:
        'Starts Sign-In-With-Solana: returns the exact message the wallet must sign, valid for SESSION_TTL_SECONDS.',
      output: AuthChallenge,
    })
    .input(AuthChallengeInput)
    .mutation(({ ctx, input }) => createChallenge(ctx.deps, input.address)),
  verify: publicProcedure
    .meta({
      rateLimit: 'auth',
      summary:
        "Checks the wallet's ed25519 signature over the challenge (each challenge works once) and returns a bearer token; creates the user on first sign-in.",
      errors: ['SESSION_NOT_FOUND', 'SESSION_EXPIRED', 'SIGNATURE_INVALID'],
      output: AuthSession,
    })
    .input(AuthVerifyInput)
    .mutation(({ ctx, input }) => verifySignIn(ctx.deps, input.sessionId, input.signature)),
  signInRequest: publicProcedure
    .meta({
      rateLimit: 'auth',
      summary:
        "Starts one-click Sign-In-With-Solana: returns the input for the wallet's `solana:signIn` (the wallet builds and signs the message), valid for SESSION_TTL_SECONDS. With `address`, only that account may sign in.",
      output: AuthSignInChallenge,
    })
    .input(AuthSignInRequestInput)
    .mutation(({ ctx, input }) => createSignInRequest(ctx.deps, input.address)),
  verifySignIn: publicProcedure
    .meta({
      rateLimit: 'auth',
      summary:
        "Checks what the wallet's `solana:signIn` returned: the message is parsed per the SIWS format and every field must equal the issued request, then the account's ed25519 signature over it (each request works once); returns a bearer token.",
      errors: ['SESSION_NOT_FOUND', 'SESSION_EXPIRED', 'SIGNATURE_INVALID'],
      output: AuthSession,
    })
    .input(AuthVerifySignInInput)
    .mutation(({ ctx, input }) => verifyWalletSignIn(ctx.deps, input)),
  me: authedProcedure
    .meta({ summary: "The caller's user, points balance and linked X account.", output: Me })
    .query(({ ctx }) => me(ctx.deps, ctx.user)),
  logout: authedProcedure
    .meta({
      summary: 'Revokes the token this call carries (other devices stay signed in).',
      output: Ok,
    })
    .mutation(async ({ ctx }) => {
      await logout(ctx.deps, ctx.user);
      return { ok: true as const };
    }),
} satisfies TRPCRouterRecord;
