import { describe, expect, it } from 'vitest';
import { transformer } from './transformer';

describe('transformer', () => {
  it('keeps Dates, bigints and undefined across the wire', () => {
    const value = { at: new Date('2024-05-01T12:00:00.000Z'), units: 12_340_000n, note: undefined };
    const wire = JSON.parse(JSON.stringify(transformer.serialize(value)));
    const back = transformer.deserialize<typeof value>(wire);
    expect(back.at).toBeInstanceOf(Date);
    expect(back.at.getTime()).toBe(value.at.getTime());
    expect(back.units).toBe(12_340_000n);
    expect('note' in back).toBe(true);
  });
});
