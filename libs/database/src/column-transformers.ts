import type { ValueTransformer } from 'typeorm';

/**
 * For bigint and numeric columns, which pg hands back as strings: read them as numbers. Only for
 * values well inside Number's exact range (yuan amounts, sizes in bytes, percentages).
 */
export const numberColumn: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};
