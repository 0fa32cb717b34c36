import { describe, expect, it } from 'vitest';
import { ShippingAddress } from './address';

const valid = {
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  phone: '+44 (20) 7946-0958',
  line1: '12 St James Square',
  line2: 'Flat 3',
  city: 'London',
  state: 'Greater London',
  postalCode: 'SW1Y 4JH',
  country: 'gb',
};

const pathsOf = (input: unknown) => {
  const r = ShippingAddress.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('ShippingAddress', () => {
  it('accepts a full address and normalises it', () => {
    const a = ShippingAddress.parse({ ...valid, name: '  Ada Lovelace ' });
    expect(a.name).toBe('Ada Lovelace');
    expect(a.country).toBe('GB');
  });

  it('accepts a minimal address without the optional fields', () => {
    const { phone: _p, line2: _l, state: _s, ...minimal } = valid;
    expect(ShippingAddress.safeParse(minimal).success).toBe(true);
  });

  it('refuses the old service field names as unrecognized keys', () => {
    const { line1, phone, ...rest } = valid;
    const r = ShippingAddress.safeParse({
      ...rest,
      line1,
      phone,
      phone_number: phone,
      address_line_1: line1,
    });
    expect(r.success).toBe(false);
    const issue = r.success ? undefined : r.error.issues[0];
    expect(issue?.code).toBe('unrecognized_keys');
    expect(issue && 'keys' in issue ? [...issue.keys].sort() : []).toEqual([
      'address_line_1',
      'phone_number',
    ]);
  });

  it('refuses an address that only uses the old names', () => {
    const { line1, ...rest } = valid;
    expect(pathsOf({ ...rest, address_line_1: line1 })).toEqual(
      expect.arrayContaining(['line1', '']),
    );
  });

  it.each([
    ['name', ''],
    ['name', '   '],
    ['name', 'x'.repeat(101)],
    ['email', 'not-an-email'],
    ['email', `${'a'.repeat(250)}@example.com`],
    ['phone', 'call me'],
    ['phone', '123'],
    ['line1', ''],
    ['line2', 'x'.repeat(201)],
    ['city', ''],
    ['state', 'x'.repeat(101)],
    ['postalCode', ''],
    ['postalCode', 'SW1Y;4JH'],
    ['postalCode', 'x'.repeat(21)],
    ['country', 'UK'],
    ['country', 'XX'],
    ['country', 'USA'],
  ])('refuses %s = %j', (field, value) => {
    expect(pathsOf({ ...valid, [field]: value })).toContain(field);
  });
});

describe('ShippingAddress storable text', () => {
  it('refuses NUL and other control characters Postgres cannot or should not store', () => {
    const base = {
      name: 'Ada',
      email: 'ada@example.com',
      line1: '1 Main',
      city: 'Berlin',
      postalCode: '10115',
      country: 'DE',
    };
    for (const field of ['name', 'line1', 'line2', 'city', 'state']) {
      for (const bad of ['A\u0000', 'B\u0007', 'C\u001b[31m']) {
        expect(ShippingAddress.safeParse({ ...base, [field]: bad }).success, `${field}`).toBe(
          false,
        );
      }
    }
    expect(ShippingAddress.safeParse({ ...base, line2: 'Flat 2\tleft' }).success).toBe(true);
  });
});
