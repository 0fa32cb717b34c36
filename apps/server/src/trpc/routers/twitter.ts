import { TwitterLinkInput } from '@puffy/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { finishTwitterLink, startTwitterLink, unlinkTwitter } from '../../domain/twitter';
import { authedProcedure } from '../procedures';

export const twitterRouter = {
  // A mutation, not a query: the state it returns is a secret and must not travel in a URL.
  authorizeUrl: authedProcedure.mutation(({ ctx }) => startTwitterLink(ctx.deps, ctx.user.userId)),
  link: authedProcedure
    .input(TwitterLinkInput)
    .mutation(({ ctx, input }) => finishTwitterLink(ctx.deps, ctx.user.userId, input)),
  unlink: authedProcedure.mutation(({ ctx }) => unlinkTwitter(ctx.deps, ctx.user.userId)),
} satisfies TRPCRouterRecord;
