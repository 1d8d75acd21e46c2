import { errorReporter, settlesWithin } from './connection-lifecycle';

describe('settlesWithin', () => {
  it('is true for a promise that resolves or rejects in time, false for one still pending', async () => {
    expect(await settlesWithin(Promise.resolve(1), 50)).toBe(true);
    expect(await settlesWithin(Promise.reject(new Error('x')), 50)).toBe(true);
    expect(await settlesWithin(new Promise(() => undefined), 20)).toBe(false);
  });
});

describe('errorReporter', () => {
  it('reports a new message at once and the same message at most once per window, counting repeats', () => {
    let clock = 0;
    const lines: string[] = [];
    const onError = errorReporter(
      (m) => lines.push(m),
      1000,
      () => clock,
    );

    onError(new Error('ECONNREFUSED'));
    clock = 100;
    onError(new Error('ECONNREFUSED'));
    onError(new Error('ECONNREFUSED'));
    expect(lines).toEqual(['ECONNREFUSED']);

    clock = 1100;
    onError(new Error('ECONNREFUSED'));
    expect(lines).toEqual(['ECONNREFUSED', 'ECONNREFUSED (2 more since last reported)']);

    onError(new Error('NOAUTH'));
    onError(new Error('ECONNREFUSED'));
    expect(lines).toEqual(['ECONNREFUSED', 'ECONNREFUSED (2 more since last reported)', 'NOAUTH', 'ECONNREFUSED']);
  });
});
