import { Ok, TwitterAuthorization, TwitterLink, TwitterLinkInput } from '@puffy/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { finishTwitterLink, startTwitterLink, unlinkTwitter } from '../../domain/twitter';
import { authedProcedure } from '../procedures';

export const twitterRouter = {
  // A mutation, not a query: the state it returns is a secret and must not travel in a URL.
  // Rate-limited like sign-in: each call stores a PKCE entry for ten minutes.
  authorizeUrl: authedProcedure
    .meta({
      rateLimit: 'auth',
      summary:
        'Starts linking an X account (OAuth 2.0 with PKCE): the URL to send the user to and the state X hands back. A mutation because the state is a secret.',
      errors: ['TWITTER_NOT_CONFIGURED'],
      output: TwitterAuthorization,
    })
    .mutation(({ ctx }) => startTwitterLink(ctx.deps, ctx.user.userId)),
  link: authedProcedure
    .meta({
      rateLimit: 'auth',
      summary:
        'Finishes linking with the code and state X returned; the state works once and only for the user who started.',
      errors: [
        'TWITTER_NOT_CONFIGURED',
        'TWITTER_STATE_INVALID',
        'TWITTER_EXCHANGE_FAILED',
        'TWITTER_ALREADY_LINKED',
      ],
      output: TwitterLink,
    })
    .input(TwitterLinkInput)
    .mutation(({ ctx, input }) => finishTwitterLink(ctx.deps, ctx.user.userId, input)),
  unlink: authedProcedure
    .meta({ summary: "Removes the caller's linked X account.", output: Ok })
    .mutation(({ ctx }) => unlinkTwitter(ctx.deps, ctx.user.userId)),
} satisfies TRPCRouterRecord;
