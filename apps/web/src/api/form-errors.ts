import type { FormInstance } from 'antd';
import { ApiError } from './client';

/**
 * The API names fields as dotted paths (`milestones.2.dueDate`, `changes.budgetMax`); Ant Design forms
 * name them as arrays. Turns one into the other, numbers as indexes.
 */
export function toNamePath(field: string, stripPrefix?: string): (string | number)[] {
  let path = field;
  if (stripPrefix && path.startsWith(`${stripPrefix}.`)) path = path.slice(stripPrefix.length + 1);
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Shows an API error next to the fields it concerns. Returns the messages that matched no field of the
 * form, so the caller shows them above the form instead of losing them.
 */
export function applyApiError(form: FormInstance, error: unknown, options: { stripPrefix?: string } = {}): string[] {
  if (!(error instanceof ApiError)) return [error instanceof Error ? error.message : String(error)];
  if (!error.fieldErrors.length) return [error.message];
  const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unmatched: string[] = [];
  for (const fe of error.fieldErrors) {
    const full = toNamePath(fe.field, options.stripPrefix);
    // An error on a nested item goes on the deepest field the form has (`kpis.1.target` on `kpis.1` or `kpis`).
    let name: (string | number)[] | null = null;
    for (let n = full.length; n > 0 && !name; n--) {
      if (registered.has(JSON.stringify(full.slice(0, n)))) name = full.slice(0, n);
    }
    if (!name) {
      unmatched.push(fe.message === error.message ? fe.message : `${fe.field}: ${fe.message}`);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(fe.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map(({ name, errors }) => ({ name, errors })));
  if (byField.size) {
    const first = [...byField.values()][0].name;
    form.scrollToField(first, { block: 'center' });
  }
  return unmatched;
}
