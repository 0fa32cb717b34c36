import { WebSettingsShape } from '@puffy/client';
import { z } from 'zod';

/**
 * The storefront's settings, read from the environment at request time (not baked in at build
 * time), so one build runs against any API. The only reader of process.env in the web app. Their
 * rules and meanings live in @puffy/core, so `.env.example` lists them from the same description.
 */
const WebEnv = z.object(WebSettingsShape);

export interface WebSettings {
  apiUrl: string;
  devTools: boolean;
}

export function webSettings(env: Record<string, string | undefined> = process.env): WebSettings {
  const parsed = WebEnv.safeParse({
    API_URL: env.API_URL || undefined,
    DEV_TOOLS: env.DEV_TOOLS || undefined,
  });
  if (!parsed.success) {
    // Name the setting and the rule, never the value.
    throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  }
  return { apiUrl: parsed.data.API_URL.replace(/\/+$/, ''), devTools: parsed.data.DEV_TOOLS };
}
