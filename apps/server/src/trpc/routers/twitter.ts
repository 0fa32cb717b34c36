import { TwitterLinkInput } from '@puffy/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { finishTwitterLink, startTwitterLink, unlinkTwitter } from '../../domain/twitter';
import { authedProcedure } from '../procedures';

export const twitterRouter = {
  // A mutation, not a query: the state it returns is a secret and must not travel in a URL.
  // Rate-limited like sign-in: each call stores a PKCE entry for ten minutes.
  authorizeUrl: authedProcedure
    .meta({ rateLimit: 'auth' })
    .mutation(({ ctx }) => startTwitterLink(ctx.deps, ctx.user.userId)),
  link: authedProcedure
    .meta({ rateLimit: 'auth' })
    .input(TwitterLinkInput)
    .mutation(({ ctx, input }) => finishTwitterLink(ctx.deps, ctx.user.userId, input)),
  unlink: authedProcedure.mutation(({ ctx }) => unlinkTwitter(ctx.deps, ctx.user.userId)),
} satisfies TRPCRouterRecord;
