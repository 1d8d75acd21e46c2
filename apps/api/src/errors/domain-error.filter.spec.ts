import { HttpException, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AccessError, ValidationFailedError } from '@app/common';
import { IdentityError } from '@app/identity';
import { errorBody } from './domain-error.filter';

describe('errorBody', () => {
  it('maps domain codes to statuses with messages in the caller’s language', () => {
    expect(errorBody(new IdentityError('IDENTITY_EMAIL_TAKEN', {}, 'user.email'), 'zh-CN', 'r1')).toEqual({
      statusCode: 409,
      code: 'IDENTITY_EMAIL_TAKEN',
      message: '该邮箱已注册',
      errors: [{ field: 'user.email', rule: 'IDENTITY_EMAIL_TAKEN', message: '该邮箱已注册' }],
      requestId: 'r1',
    });
    expect(errorBody(new AccessError('ACCESS_FORBIDDEN'), 'en').statusCode).toBe(403);
  });

  it('gives one message per field for validation failures, interpolating limits', () => {
    const body = errorBody(
      new ValidationFailedError([{ field: 'reason', rule: 'maxLength', params: { max: 500 } }]),
      'zh-CN',
    );
    expect(body.statusCode).toBe(400);
    expect(body.errors).toEqual([{ field: 'reason', rule: 'maxLength', message: '长度不能超过 500 个字符' }]);
  });

  it('answers unexpected errors with 500 and an error id, never the stack, SQL or error text', () => {
    const leaky = new Error('syntax error at or near "SELECT * FROM app_user WHERE password_hash"');
    const body = errorBody(leaky, 'en', 'r2');
    expect(body).toEqual({
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: 'Internal error',
      requestId: 'r2',
      errorId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(JSON.stringify(body)).not.toMatch(/SELECT|password|at Object|\.ts:/);
  });

  it('keeps framework 4xx statuses (e.g. 429 from the throttler) in the same shape', () => {
    expect(errorBody(new HttpException('Too Many Requests', 429), 'en')).toMatchObject({
      statusCode: 429,
      code: 'COMMON_RATE_LIMITED',
    });
  });

  const queryError = (code: string, parameters: unknown[]) =>
    new QueryFailedError(
      'INSERT INTO score (comment) VALUES ($1)',
      parameters,
      Object.assign(new Error('db'), { code }),
    );

  it('answers a deadlock or serialization failure with 409 COMMON_CONCURRENT_UPDATE (retry), not 500', () => {
    for (const code of ['40P01', '40001', '55P03']) {
      expect(errorBody(queryError(code, []), 'en')).toMatchObject({
        statusCode: 409,
        code: 'COMMON_CONCURRENT_UPDATE',
      });
    }
    expect(errorBody(queryError('23502', []), 'en').statusCode).toBe(500);
  });

  it('logs an unexpected failed query without its parameters', () => {
    const log = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      errorBody(queryError('23502', ['评语：非常机密的内容']), 'en', 'r3');
      const logged = JSON.stringify(log.mock.calls);
      expect(logged).toContain('23502');
      expect(logged).not.toContain('非常机密');
    } finally {
      log.mockRestore();
    }
  });
});
