import { finished, PassThrough } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationFailedError } from '@app/common';
import type { AppConfig } from '@app/config';
import type { AttachmentUpload } from '@app/scenarios';

/**
 * multipart/form-data for uploads: one file of at most ATTACHMENT_MAX_BYTES and a few small fields.
 * Files are streamed to the handler (never buffered in memory or spilled to temp files here).
 */
export async function registerMultipart(fastify: FastifyInstance, config: AppConfig): Promise<void> {
  await fastify.register(multipart, {
    limits: {
      fileSize: config.ATTACHMENT_MAX_BYTES,
      files: 1,
      fields: 5,
      parts: 6,
      fieldSize: 1024,
      fieldNameSize: 100,
      headerPairs: 20,
    },
  });
}

const fileRequired = () => new ValidationFailedError([{ field: 'file', rule: 'attachment.file_required' }]);
const incomplete = () => new ValidationFailedError([{ field: 'file', rule: 'attachment.upload_incomplete' }]);

/** The multipart plugin's own refusals (too many parts, files or fields) are 4xx already; anything else is a broken body. */
const isClientLimit = (error: unknown) => {
  const status = (error as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 && status !== 406;
};

/**
 * The one part named `file` of a multipart/form-data request, as the attachment service takes it:
 * 400 naming `file` when the request is not multipart, has no file part, or is malformed.
 */
export async function singleFileUpload(request: FastifyRequest): Promise<AttachmentUpload> {
  if (!request.isMultipart()) throw fileRequired();
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await request.file();
  } catch (error) {
    throw isClientLimit(error) ? error : incomplete();
  }
  if (!part) throw fileRequired();
  const file = part.file;
  if (part.fieldname !== 'file') {
    file.resume();
    throw fileRequired();
  }
  // The service sees a clean stream: a broken body becomes a 400 naming `file`, not a 500. `finished`
  // also reports a part that failed before this point (the whole body may already have been parsed).
  const content = new PassThrough();
  // The error stays on the stream for whoever reads it later; until then it must not crash the process.
  content.on('error', () => undefined);
  finished(file, (error) => {
    if (error) content.destroy(incomplete());
  });
  file.pipe(content);
  return { fileName: part.filename, content, truncated: () => file.truncated };
}
