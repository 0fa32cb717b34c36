import { z } from 'zod';
import { CountryCode } from '../countries';
import { storableText } from './common';

/**
 * The one shipping address shape. The old service had two spellings of these fields (frontend
 * `address_line_1`, backend `line1`); here there is one, and unknown keys are refused rather
 * than silently dropped, so a mismatch fails loudly on the first request.
 */
export const ShippingAddress = z.strictObject({
  name: storableText(100).trim().min(1),
  email: z.string().trim().pipe(z.email().max(254)),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{5,20}$/, 'expected a phone number')
    .optional(),
  line1: storableText(200).trim().min(1),
  line2: storableText(200).trim().optional(),
  city: storableText(100).trim().min(1),
  state: storableText(100).trim().optional(),
  postalCode: z
    .string()
    .trim()
    .min(1)
    .max(20)
    .regex(/^[A-Za-z0-9 -]+$/, 'expected a postal code'),
  country: CountryCode,
});
export type ShippingAddress = z.infer<typeof ShippingAddress>;
export type ShippingAddressInput = z.input<typeof ShippingAddress>;
