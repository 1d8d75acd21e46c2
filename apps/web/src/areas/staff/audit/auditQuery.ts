/** The filters of `GET audit/records` the page offers (keyset paging is added by the page). */
export interface AuditFilters {
  objectType?: string;
  objectId?: string;
  actorUserId?: string;
  /** ISO 8601 instants with an offset. */
  from?: string;
  to?: string;
}

/**
 * The query string for the filters: blanks left out, and `objectId` only with `objectType` (the API
 * refuses it alone), so a stale id never narrows a search on another type.
 */
export function auditQuery(f: AuditFilters): Record<string, string> {
  const q: Record<string, string> = {};
  const put = (key: keyof AuditFilters) => {
    const v = f[key]?.trim();
    if (v) q[key] = v;
  };
  put('objectType');
  if (q.objectType) put('objectId');
  put('actorUserId');
  put('from');
  put('to');
  return q;
}
