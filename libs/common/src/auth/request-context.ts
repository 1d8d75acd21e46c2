import type { Role } from './roles';

export type Locale = 'zh-CN' | 'en';

/** Who is acting: taken from a verified access token, never from the request body. */
export interface Actor {
  userId: string;
  organisationId: string | null;
  role: Role;
}

/**
 * What every command needs to know about the request that caused it: who acts (null for anonymous
 * and for system jobs), the request id that ties logs and audit records together, and the client.
 */
export interface RequestContext {
  actor: Actor | null;
  requestId: string;
  ip: string | null;
  locale: Locale;
}

/** Context for work started by the system itself (seeders, scheduled jobs, CLI). */
export function systemContext(requestId: string): RequestContext {
  return { actor: null, requestId, ip: null, locale: 'zh-CN' };
}
