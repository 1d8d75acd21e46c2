import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import type { Actor, Locale, RequestContext } from '@app/common';

const SUPPORTED: Locale[] = ['zh-CN', 'en'];

/** zh-CN unless the client prefers English (Accept-Language). */
export function negotiateLocale(acceptLanguage: string | string[] | undefined): Locale {
  if (!acceptLanguage) return 'zh-CN';
  const lang = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).language(['zh-CN', 'zh', 'en']);
  return lang === 'en' ? 'en' : SUPPORTED[0];
}

export function requestContextOf(req: FastifyRequest & { actor?: Actor | null }): RequestContext {
  return {
    actor: req.actor ?? null,
    requestId: String(req.id),
    ip: req.ip ?? null,
    locale: negotiateLocale(req.headers['accept-language']),
  };
}

/** The caller, request id, client IP and locale, for passing to one service method. */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext =>
  requestContextOf(context.switchToHttp().getRequest()),
);
