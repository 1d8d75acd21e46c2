import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AttachmentDownload } from '@app/scenarios';
import { etagMatches } from './http-cache';

/**
 * Streams a stored attachment as a download: its stored (sniffed) media type, its exact length,
 * `Content-Disposition: attachment` with an RFC 6266/8187 `filename*`, `nosniff`, and a sandboxing CSP
 * in case a browser renders it anyway. The SHA-256 is a strong ETag (the bytes never change).
 */
export function sendAttachment(
  request: FastifyRequest,
  reply: FastifyReply,
  download: AttachmentDownload,
  cacheControl: string,
): FastifyReply {
  const { attachment: a, content } = download;
  const etag = `"${a.sha256}"`;
  void reply.header('etag', etag).header('cache-control', cacheControl);
  if (etagMatches(request.headers['if-none-match'], etag)) {
    content.destroy();
    return reply.code(304).send();
  }
  return reply
    .code(200)
    .header('content-type', a.mediaType)
    .header('content-length', String(a.sizeBytes))
    .header('content-disposition', contentDisposition(a.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(content);
}
