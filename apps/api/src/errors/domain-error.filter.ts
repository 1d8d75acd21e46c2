import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { randomUUID } from 'node:crypto';
import {
  CommonError,
  type CommonErrorCode,
  DomainError,
  interpolate,
  type Locale,
  ValidationFailedError,
} from '@app/common';
import { negotiateLocale } from '../http/request-context.decorator';
import { ERROR_MESSAGES, type ErrorCode, httpStatusFor, RULE_MESSAGES } from './error-status';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  /** One entry per offending field, for validation and field-specific domain errors. */
  errors?: { field: string; rule: string; message: string }[];
  details?: Record<string, unknown>;
  requestId?: string;
  /** Only for unexpected errors: quote it to support; the log has the rest. */
  errorId?: string;
}

/** Framework HTTP errors (unknown route, throttling…) mapped onto our codes. */
function commonCodeForStatus(status: number): CommonErrorCode | 'ROUTE_NOT_FOUND' | 'HTTP_ERROR' {
  switch (status) {
    case 404:
      return 'ROUTE_NOT_FOUND';
    case 413:
      return 'COMMON_PAYLOAD_TOO_LARGE';
    case 415:
      return 'COMMON_UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'COMMON_RATE_LIMITED';
    case 400:
      return 'COMMON_MALFORMED_REQUEST';
    default:
      return 'HTTP_ERROR';
  }
}

const logger = new Logger('HttpErrors');

/**
 * PostgreSQL's answers to two transactions colliding (deadlock, serialization failure, lock not
 * available): nothing was written, and the same request may well succeed when sent again.
 */
const CONCURRENCY_SQLSTATES = new Set(['40P01', '40001', '55P03']);

const sqlState = (error: unknown): string | undefined =>
  error instanceof QueryFailedError ? (error.driverError as { code?: string } | undefined)?.code : undefined;

/**
 * What the log may keep of an unexpected error. A failed query carries its SQL parameters (user
 * text, sealed ciphertext) and PostgreSQL's `detail` quotes values: keep the statement's identity only.
 */
function loggable(error: unknown): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  const driver = (error.driverError ?? {}) as { code?: string; table?: string; constraint?: string; routine?: string };
  return {
    type: 'QueryFailedError',
    message: error.message,
    stack: error.stack,
    sqlState: driver.code,
    table: driver.table,
    constraint: driver.constraint,
    routine: driver.routine,
  };
}

/** Turns anything thrown while handling a request into one response shape, in the caller's language. */
export function errorBody(error: unknown, locale: Locale, requestId?: string): ErrorBody {
  const state = sqlState(error);
  if (state && CONCURRENCY_SQLSTATES.has(state)) error = new CommonError('COMMON_CONCURRENT_UPDATE');
  if (error instanceof DomainError) {
    const code = error.code as ErrorCode;
    const text = ERROR_MESSAGES[code];
    const body: ErrorBody = {
      statusCode: httpStatusFor(code),
      code,
      message: interpolate(text[locale], error.params),
      requestId,
    };
    if (error instanceof ValidationFailedError) {
      body.errors = error.violations.map((v) => ({
        field: v.field,
        rule: v.rule,
        message: RULE_MESSAGES[v.rule]
          ? interpolate(RULE_MESSAGES[v.rule][locale], v.params)
          : String(v.params?.message ?? v.rule),
      }));
    } else {
      if (error.field) body.errors = [{ field: error.field, rule: code, message: body.message }];
      if (Object.keys(error.params).length) body.details = { ...error.params };
    }
    return body;
  }
  // Fastify's own errors (bad JSON, body too large, wrong content type) carry a statusCode.
  const status =
    error instanceof HttpException
      ? error.getStatus()
      : typeof (error as { statusCode?: unknown })?.statusCode === 'number'
        ? (error as { statusCode: number }).statusCode
        : 500;
  if (status >= 400 && status < 500) {
    const code = commonCodeForStatus(status);
    const known = (ERROR_MESSAGES as Record<string, { 'zh-CN': string; en: string }>)[code];
    const reason = error instanceof Error ? error.message : 'bad request';
    return {
      statusCode: status,
      code,
      message: known ? interpolate(known[locale], { reason }) : locale === 'en' ? reason : `请求错误：${reason}`,
      requestId,
    };
  }
  const errorId = randomUUID();
  logger.error({ err: loggable(error), errorId, requestId }, 'Unexpected error');
  return {
    statusCode: 500,
    code: 'INTERNAL_ERROR',
    message: locale === 'en' ? 'Internal error' : '服务器内部错误',
    requestId,
    errorId,
  };
}

export function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const body = errorBody(error, negotiateLocale(request.headers['accept-language']), String(request.id));
  void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
}

/** The one place where errors become HTTP responses. */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendError(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }
}

export { CommonError };
