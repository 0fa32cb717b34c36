import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './world';

const INPUT = `current_setting('puffy.input')::json`;

describe('DatabaseHandle.transact (one transaction, one round trip on Postgres)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    await database.handle.query({
      text: 'create table t (n int primary key, label text)',
      params: [],
    });
  });
  afterAll(() => database.drop());

  const rows = () =>
    database.handle.query({ text: 'select n, label from t order by n', params: [] });

  it('runs the statements in order on its input and returns each one’s rows', async () => {
    const results = await database.handle.transact(
      { n: 1, label: "it's \u00e9t\u00e9 $$ '); --" },
      [
        `insert into t select (${INPUT} ->> 'n')::int, ${INPUT} ->> 'label'`,
        `update t set n = n + 1 returning n, label`,
      ],
    );
    expect(results).toEqual([[], [{ n: 2, label: "it's \u00e9t\u00e9 $$ '); --" }]]);
    expect(await rows()).toEqual([{ n: 2, label: "it's \u00e9t\u00e9 $$ '); --" }]);
  });

  it('a failing statement rolls back the ones before it, and its error is thrown', async () => {
    await expect(
      database.handle.transact({ n: 7 }, [
        `insert into t select (${INPUT} ->> 'n')::int, 'first'`,
        `insert into t values (2, 'duplicate key')`,
        `insert into t values (8, 'never')`,
      ]),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await rows()).toEqual([{ n: 2, label: "it's \u00e9t\u00e9 $$ '); --" }]);
    // The connection is usable again, with nothing left of the input.
    expect(await database.handle.transact({ n: 9 }, [`select ${INPUT} ->> 'n' as n`])).toEqual([
      [{ n: '9' }],
    ]);
    expect(
      await database.handle.query({
        text: `select coalesce(current_setting('puffy.input', true), '') as v`,
        params: [],
      }),
    ).toEqual([{ v: '' }]);
  });
});
