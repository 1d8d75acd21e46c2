/** The unique constraint a Postgres error violated, if that is what it was (SQLSTATE 23505). */
export function violatedUniqueConstraint(error: unknown): string | null {
  const e = error as { code?: string; driverError?: { code?: string; constraint?: string }; constraint?: string };
  const code = e?.driverError?.code ?? e?.code;
  if (code !== '23505') return null;
  return e.driverError?.constraint ?? e.constraint ?? '';
}
