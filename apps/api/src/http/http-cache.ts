import { hash } from 'node:crypto';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Shared caches and browsers may keep public reads this long (seconds). */
export const PUBLIC_MAX_AGE = 60;

/** A strong validator: the SHA-256 of the exact body sent (one-shot hashing: no Hash object per response). */
export function strongEtag(body: string | Buffer): string {
  return `"${hash('sha256', body, 'base64url')}"`;
}

/** RFC 9110 §13.1.2: If-None-Match compares weakly; `*` matches any current representation. */
export function etagMatches(ifNoneMatch: string | string[] | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const candidates = (Array.isArray(ifNoneMatch) ? ifNoneMatch.join(',') : ifNoneMatch).split(',');
  return candidates.some((c) => {
    const tag = c.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

/**
 * Sends a public, cacheable JSON read: a strong ETag and `Cache-Control: public, max-age=60`;
 * a matching If-None-Match gets 304 with no body. For routes that take `@Res()`.
 */
export function sendCacheable(request: FastifyRequest, reply: FastifyReply, body: unknown): FastifyReply {
  return sendCacheableFile(request, reply, JSON.stringify(body), { type: 'application/json; charset=utf-8' });
}

/**
 * Sends any public, cacheable body (JSON read, export, feed): a strong ETag over the exact bytes and
 * `Cache-Control: public, max-age=60` (304 on a matching If-None-Match), and
 * `Content-Disposition: attachment` when a file name is given.
 */
export function sendCacheableFile(
  request: FastifyRequest,
  reply: FastifyReply,
  body: string | Buffer,
  options: { type: string; fileName?: string },
): FastifyReply {
  const etag = strongEtag(body);
  void reply.header('etag', etag).header('cache-control', `public, max-age=${PUBLIC_MAX_AGE}`);
  if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
  if (options.fileName) void reply.header('content-disposition', contentDisposition(options.fileName));
  return reply.code(200).type(options.type).send(body);
}
