import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getQueueToken } from '@nestjs/bullmq';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { IServerAdapter } from '@bull-board/api/typings/app';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessError, type Role } from '@app/common';
import { AccessTokens } from '@app/identity';
import { ALL_QUEUES } from '@app/queue';
import { sendError } from '../../errors/domain-error.filter';

export const BULL_BOARD_PATH = '/admin/queues';
/** Browsers cannot send a bearer header when navigating: the dashboard also reads the token from this cookie. */
export const ACCESS_TOKEN_COOKIE = 'sx_access_token';
export const BULL_BOARD_ROLES: readonly Role[] = ['staff', 'platform_admin'];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type Credential = { token: string; via: 'header' | 'cookie' } | null;

/** The value of one cookie, or null. */
export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    const raw = pair
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}

/** `Authorization: Bearer` wins; a malformed header is an invalid token, not a reason to try the cookie. */
function credentialOf(request: FastifyRequest): Credential {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    return { token: m ? m[1] : '', via: 'header' };
  }
  const cookie = cookieValue(request.headers.cookie, ACCESS_TOKEN_COOKIE);
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

/** Cookies ride along on cross-site requests: state-changing calls authenticated by cookie must be same-origin. */
function isSameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site) return site === 'same-origin';
  const origin = request.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false;
  }
}

/** onRequest hook of the dashboard's context: 401 without a valid token, 403 for other roles. */
export function staffOnly(tokens: AccessTokens) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    try {
      const credential = credentialOf(request);
      if (!credential) throw new AccessError('ACCESS_UNAUTHENTICATED');
      const actor = tokens.verify(credential.token);
      if (!BULL_BOARD_ROLES.includes(actor.role)) throw new AccessError('ACCESS_FORBIDDEN');
      if (credential.via === 'cookie' && !SAFE_METHODS.has(request.method) && !isSameOrigin(request)) {
        throw new AccessError('ACCESS_FORBIDDEN');
      }
      return undefined;
    } catch (error) {
      sendError(error, request, reply);
      return reply;
    }
  };
}

/**
 * Bull Board (every queue of ALL_QUEUES) at /admin/queues, for staff and platform admins. It is a Fastify
 * plugin, not a Nest controller, so the AccessGuard does not see it: an onRequest hook in its own
 * encapsulated context checks the token instead.
 */
export async function mountBullBoard(app: NestFastifyApplication): Promise<void> {
  const tokens = app.get(AccessTokens);
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    // @bull-board/fastify 9.10.1 pins @bull-board/api 9.10.1 while 9.10.2 is installed at the top level: the
    // adapter's types come from the nested copy. Same interface at runtime (the adapter never imports the api).
    // Drop the cast once the two versions are aligned in package.json.
    serverAdapter: serverAdapter as unknown as IServerAdapter,
    queues: ALL_QUEUES.map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false }))),
    options: { uiConfig: { boardTitle: 'Scenario Exchange queues' } },
  });
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(
    async (scope) => {
      scope.addHook('onRequest', staffOnly(tokens));
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: BULL_BOARD_PATH },
  );
}
