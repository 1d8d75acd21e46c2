/**
 * playwright-core has no auto-retrying `expect` (that is @playwright/test): pages render after their
 * queries answer, so assertions on them are retried until they pass or `timeoutMs` runs out, and then
 * the last failure is thrown (a real Jest assertion error, with its diff).
 */
export async function eventually<T>(
  assertion: () => Promise<T> | T,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, options.intervalMs ?? 100));
    }
  }
}
