import { AuthChallengeInput, AuthVerifyInput } from '@puffy/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { createChallenge, logout, me, verifySignIn } from '../../domain/sign-in/sign-in';
import { authedProcedure, publicProcedure } from '../procedures';

export const authRouter = {
  challenge: publicProcedure
    .meta({ rateLimit: 'auth' })
    .input(AuthChallengeInput)
    .mutation(({ ctx, input }) => createChallenge(ctx.deps, input.address)),
  verify: publicProcedure
    .meta({ rateLimit: 'auth' })
    .input(AuthVerifyInput)
    .mutation(({ ctx, input }) => verifySignIn(ctx.deps, input.sessionId, input.signature)),
  me: authedProcedure.query(({ ctx }) => me(ctx.deps, ctx.user.userId)),
  logout: authedProcedure.mutation(async ({ ctx }) => {
    await logout(ctx.deps, ctx.user);
    return { ok: true as const };
  }),
} satisfies TRPCRouterRecord;
