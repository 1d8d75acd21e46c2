/** For `@Transform`: trims strings, leaves any other value for the validators to judge. */
export const trimString = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** For `@Transform` on list filters: `?code=a&code=b` and `?code=a,b` both give `['a', 'b']`. */
export const splitList = ({ value }: { value: unknown }): unknown[] => {
  const raw = Array.isArray(value) ? value : [value];
  return raw.flatMap((v) => (typeof v === 'string' ? v.split(',').map((x) => x.trim()) : [v])).filter((v) => v !== '');
};
