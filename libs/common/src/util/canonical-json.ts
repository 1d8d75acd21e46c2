/**
 * Deterministic JSON: object keys sorted at every depth, no whitespace. Used wherever a hash must
 * be recomputed later from stored data (audit chain, proposal receipts).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortDeep(value));
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    // Null prototype: a `__proto__` key is kept as data instead of setting the prototype.
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value as Record<string, unknown>).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortDeep(v);
    }
    return out;
  }
  return value;
}
