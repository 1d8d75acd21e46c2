import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeTimeIdCursor, encodeCursor } from '@app/common';

/**
 * One page of `qb`, newest first by `created_at` then `id`, with a keyset cursor (no OFFSET).
 * The cursor carries `created_at` as PostgreSQL's own text (microseconds): a JavaScript Date keeps
 * only milliseconds, and rows created within the same millisecond would otherwise be skipped.
 */
export async function newestFirstPage<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  cursor: string | undefined,
  limit: number,
): Promise<{ items: T[]; nextCursor: string | null }> {
  qb.addSelect(`${alias}.created_at::text`, 'keyset_created_at')
    .orderBy(`${alias}.created_at`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .limit(limit + 1);
  if (cursor) {
    const [createdAt, id] = decodeTimeIdCursor(cursor);
    qb.andWhere(
      `(${alias}.created_at, ${alias}.id) < (CAST(:keysetCreatedAt AS timestamptz), CAST(:keysetId AS uuid))`,
      {
        keysetCreatedAt: createdAt,
        keysetId: id,
      },
    );
  }
  const { entities, raw } = await qb.getRawAndEntities<{ keyset_created_at: string }>();
  const items = entities.slice(0, limit);
  const last = items.length ? raw[items.length - 1] : undefined;
  return {
    items,
    nextCursor:
      entities.length > limit && last ? encodeCursor([last.keyset_created_at, items[items.length - 1].id]) : null,
  };
}
