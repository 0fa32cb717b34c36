import { z } from 'zod';

/**
 * The storefront's settings (apps/web reads them; the API server writes them into
 * `.env.example` beside its own, from this one description). A setting added to the shape without
 * a meaning below fails to compile.
 */
export const WebSettingsShape = {
  API_URL: z
    .url({ protocol: /^https?$/, error: 'API_URL must be an http(s) URL' })
    .default('http://localhost:3000'),
  DEV_TOOLS: z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''], {
      error: 'DEV_TOOLS must be true or false',
    })
    .default('false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes'),
};

export type WebSettingName = keyof typeof WebSettingsShape;

export const WEB_SETTING_MEANINGS: Readonly<Record<WebSettingName, string>> = {
  API_URL:
    'where the storefront (server rendering and browser) finds the API; read when the web server starts, not at build time',
  DEV_TOOLS:
    'storefront: show the dev wallet and "Simulate payment" (the API must run with DEV_TOOLS too); `pnpm dev` sets it',
};

/** A storefront setting's default as it would be written in the environment. */
export function webSettingDefault(name: WebSettingName): string {
  const schema = WebSettingsShape[name];
  const inner = schema instanceof z.ZodPipe ? schema.def.in : schema;
  return inner instanceof z.ZodDefault ? String(inner.def.defaultValue) : '';
}
