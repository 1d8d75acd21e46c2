import { ValidationFailedError } from '@app/common';
import { ConfigValidationError } from '@app/config';
import { IdentityError, NewUserDto } from '@app/identity';
import { CliError, describeError, detectLocale, validatedInput } from './cli-errors';

describe('CLI error lines', () => {
  it('prints a domain error as its localised message with code and field', () => {
    const e = new IdentityError('IDENTITY_WEAK_PASSWORD', {}, 'password');
    expect(describeError(e, 'en')).toBe(
      'error: Password too weak: at least 10 characters with both letters and digits [IDENTITY_WEAK_PASSWORD, password]',
    );
    expect(describeError(e, 'zh-CN')).toBe(
      'error: 密码强度不足：至少 10 个字符，且同时包含字母和数字 [IDENTITY_WEAK_PASSWORD, password]',
    );
    expect(describeError(new CliError('CLI_MIGRATIONS_PENDING', { count: 2, names: 'A, B' }), 'en')).toBe(
      'error: The database is 2 migration(s) behind (A, B); run `migrate` first [CLI_MIGRATIONS_PENDING]',
    );
  });

  it('lists every invalid field of a validation error on one line', () => {
    const e = new ValidationFailedError([
      { field: 'email', rule: 'isEmail' },
      { field: 'uscc', rule: 'uscc.check_character' },
    ]);
    expect(describeError(e, 'en')).toBe(
      'error: email: Must be a valid email address; uscc: Unified social credit code position 18 (check character) does not match [COMMON_VALIDATION_FAILED]',
    );
  });

  it('keeps the stack of an unexpected error, and none for a configuration error', () => {
    expect(describeError(new TypeError('boom'), 'en')).toMatch(/^error: TypeError: boom\n\s+at /);
    expect(describeError(new ConfigValidationError(['HTTP_PORT: bad']), 'en')).toBe(
      'error: Invalid configuration:\n  - HTTP_PORT: bad',
    );
  });

  it('speaks Chinese when the shell locale is Chinese', () => {
    expect(detectLocale({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(detectLocale({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(detectLocale({})).toBe('en');
  });

  it('validates command options with the API DTO', () => {
    expect(validatedInput(NewUserDto, { email: ' A@B.CN ', password: 'x', displayName: ' 王 ' })).toMatchObject({
      email: 'a@b.cn',
      displayName: '王',
    });
    expect(() => validatedInput(NewUserDto, { email: 'nope', password: 'x', displayName: '' })).toThrow(
      expect.objectContaining({
        violations: [
          expect.objectContaining({ field: 'email', rule: 'isEmail' }),
          expect.objectContaining({ field: 'displayName', rule: 'isNotEmpty' }),
        ],
      }),
    );
  });
});
