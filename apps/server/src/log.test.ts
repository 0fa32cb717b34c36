import { describe, expect, it } from 'vitest';
import { LogCapture } from '../test/world';
import { createLogger } from './log';

describe('logger redaction', () => {
  it('never writes tokens, signatures, codes, verifiers or auth headers', () => {
    const capture = new LogCapture();
    const log = createLogger({ logLevel: 'trace', nodeEnv: 'test' }, capture);
    log.info({
      token: 'tok-AAA',
      signature: 'sig-BBB',
      input: {
        code: 'code-CCC',
        passCode: 'pass-DDD',
        codeVerifier: 'ver-EEE',
        referralCode: 'ref-FFF',
      },
      req: { headers: { authorization: 'Bearer hdr-GGG', cookie: 'sid=hdr-HHH' } },
      err: { secret: 'sec-III', state: 'state-JJJ' },
    });
    const text = capture.text();
    for (const secret of ['AAA', 'BBB', 'CCC', 'DDD', 'EEE', 'FFF', 'GGG', 'HHH', 'III', 'JJJ']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
  });

  it('keeps the tRPC error code and the SQLSTATE readable', () => {
    const capture = new LogCapture();
    const log = createLogger({ logLevel: 'info', nodeEnv: 'test' }, capture);
    log.info(
      { path: 'order.byId', code: 'NOT_FOUND', reason: 'ORDER_NOT_FOUND' },
      'trpc NOT_FOUND',
    );
    log.error({ err: Object.assign(new Error('x'), { code: '57014' }) }, 'boom');
    const [trpc, db] = capture.records();
    expect(trpc?.code).toBe('NOT_FOUND');
    expect(db?.err).toMatchObject({ code: '57014' });
  });

  it('logs a request by path only, dropping the query string', () => {
    const capture = new LogCapture();
    const log = createLogger({ logLevel: 'info', nodeEnv: 'test' }, capture);
    log.info({ req: { method: 'GET', url: '/trpc/auth.verify?input=%7B%22signature%22%7D' } });
    const [record] = capture.records();
    expect(record?.req).toEqual({ method: 'GET', path: '/trpc/auth.verify' });
  });

  it('logs database errors without their parameters or row values', () => {
    const capture = new LogCapture();
    const log = createLogger({ logLevel: 'info', nodeEnv: 'test' }, capture);
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint'), {
      code: '23505',
      constraint_name: 'pass_codes_code_key',
      detail: 'Key (code)=(SECRET-PASS-1) already exists.',
    });
    const queryError = Object.assign(
      new Error(
        'Failed query: insert into "pass_codes" values ($1, $2)\nparams: owner-id,SECRET-PASS-1',
      ),
      {
        query: 'insert into "pass_codes" values ($1, $2)',
        params: ['owner-id', 'SECRET-PASS-1'],
        cause: driverError,
      },
    );
    log.error({ err: queryError }, 'boom');
    log.error({ err: new Error('Key (email)=(ada@example.com) conflicts') }, 'boom');
    const text = capture.text();
    expect(text).not.toContain('SECRET-PASS-1');
    expect(text).not.toContain('ada@example.com');
    expect(text).toContain('23505');
    expect(text).toContain('pass_codes_code_key');
    expect(text).toContain('insert into');
  });
});
