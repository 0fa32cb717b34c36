import { z } from 'zod';
import { URL_SAFE_TOKEN } from './common';

export const TwitterLinkInput = z.strictObject({
  code: z.string().min(1).max(2048),
  state: z.string().min(16).max(256).regex(URL_SAFE_TOKEN),
});
export type TwitterLinkInput = z.input<typeof TwitterLinkInput>;

/** `twitter.link` output. */
export const TwitterLink = z.object({ twitterId: z.string(), username: z.string() });
export type TwitterLink = z.infer<typeof TwitterLink>;

/** `twitter.authorizeUrl` output: where to send the user, and the state X will hand back. */
export const TwitterAuthorization = z.object({ url: z.string(), state: z.string() });
export type TwitterAuthorization = z.infer<typeof TwitterAuthorization>;
