import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AccessError, type Actor } from '@app/common';
import { ACCESS_POLICY, type AccessPolicy } from './access.decorators';
import { AccessTokens } from '@app/identity';

export type AuthenticatedRequest = FastifyRequest & { actor?: Actor | null };

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m ? m[1] : '';
}

/** Default deny: a route must declare a policy, and the caller must satisfy it. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
  ) {}

  /** Route metadata never changes: resolved once per handler (null = no policy declared). */
  private readonly policies = new WeakMap<object, AccessPolicy | null>();

  canActivate(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    let policy = this.policies.get(handler);
    if (policy === undefined) {
      policy =
        this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [handler, context.getClass()]) ??
        null;
      this.policies.set(handler, policy);
    }
    if (!policy) throw new AccessError('ACCESS_NO_POLICY');
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearer(req);
    if (policy.kind === 'public') {
      req.actor = token ? this.tryVerify(token) : null;
      return true;
    }
    if (token === null) throw new AccessError('ACCESS_UNAUTHENTICATED');
    const actor = this.tokens.verify(token);
    req.actor = actor;
    if (policy.kind === 'roles' && !policy.roles.includes(actor.role)) throw new AccessError('ACCESS_FORBIDDEN');
    return true;
  }

  private tryVerify(token: string): Actor | null {
    try {
      return this.tokens.verify(token);
    } catch {
      return null;
    }
  }
}
