/** For `@Transform`: trims strings, leaves any other value for the validators to judge. */
export const trimString = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
