import {
  COUNTRY_CODES,
  DEFAULT_PAYMENT_DUST_BASE_UNITS,
  type ShopSettings,
  VAPE_ELIGIBLE_COUNTRIES,
} from '@puffy/core';
import type { Config } from '../config';

/** The shop's public settings, as this server is configured: what a storefront previews with. */
export function shopSettings(config: Config): ShopSettings {
  return {
    referralDiscountBps: config.referral.discountBps,
    paymentWindowMinutes: config.payments.windowMinutes,
    maxOpenOrdersPerUser: config.maxOpenOrdersPerUser,
    // The one place the dust threshold is read: a server setting for it replaces this constant.
    paymentDustBaseUnits: DEFAULT_PAYMENT_DUST_BASE_UNITS,
    cluster: config.siws.chain,
    usdcMint: config.solana.usdcMint,
    shippingCountries: [...COUNTRY_CODES],
    vapeCountries: [...VAPE_ELIGIBLE_COUNTRIES],
    maxBatchSize: config.trpcMaxBatchSize,
  };
}
