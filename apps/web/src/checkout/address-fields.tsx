'use client';

import { COUNTRY_CODES } from '@puffy/client';
import { describedBy, ErrorText, TextField } from '../components/field';
import { countryOptions } from '../lib/countries';
import { ADDRESS_LABELS, type AddressField, type CheckoutForm, type FieldErrors } from './form';

const TEXT_FIELDS: ReadonlyArray<{
  field: Exclude<AddressField, 'country'>;
  type: string;
  autoComplete: string;
}> = [
  { field: 'name', type: 'text', autoComplete: 'name' },
  { field: 'email', type: 'email', autoComplete: 'email' },
  { field: 'phone', type: 'tel', autoComplete: 'tel' },
  { field: 'line1', type: 'text', autoComplete: 'address-line1' },
  { field: 'line2', type: 'text', autoComplete: 'address-line2' },
  { field: 'city', type: 'text', autoComplete: 'address-level2' },
  { field: 'state', type: 'text', autoComplete: 'address-level1' },
  { field: 'postalCode', type: 'text', autoComplete: 'postal-code' },
];

// Sorted by name once: the list is the same for every render.
const COUNTRIES = countryOptions(COUNTRY_CODES);

/** The shipping address, field for field core's ShippingAddress. */
export function AddressFields({
  form,
  errors,
  update,
}: {
  form: CheckoutForm;
  errors: FieldErrors;
  update: (field: AddressField, value: string) => void;
}) {
  return (
    <section className="panel" aria-labelledby="ship-heading">
      <h2 id="ship-heading">Shipping address</h2>
      {TEXT_FIELDS.map(({ field, type, autoComplete }) => (
        <TextField
          key={field}
          id={field}
          label={ADDRESS_LABELS[field]}
          type={type}
          autoComplete={autoComplete}
          value={form[field]}
          error={errors[field]}
          onChange={(value) => update(field, value)}
        />
      ))}
      <div className="field">
        <label htmlFor="country">{ADDRESS_LABELS.country}</label>
        <select
          id="country"
          autoComplete="country"
          value={form.country}
          {...describedBy('country', errors.country)}
          onChange={(e) => update('country', e.target.value)}
        >
          <option value="">Choose a country</option>
          {COUNTRIES.map(({ code, name }) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
        <ErrorText id="country-error" message={errors.country} />
      </div>
    </section>
  );
}
