import { finished, PassThrough } from 'node:stream';
import multipart, { type Multipart, type MultipartFile } from '@fastify/multipart';
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

type Parts = AsyncIterableIterator<Multipart>;

/** The first file part, skipping fields; undefined when the body has none. */
async function firstFile(parts: Parts): Promise<MultipartFile | undefined> {
  for (;;) {
    const next = await parts.next();
    if (next.done) return undefined;
    if (next.value.type === 'file') return next.value;
  }
}

/**
 * The one part named `file` of a multipart/form-data request, as the attachment service takes it:
 * 400 naming `file` when the request is not multipart, has no file part (or more than one), or is
 * malformed. The stream ends only once the rest of the body is read and holds no second file, so a
 * second file refuses the upload (the service stores nothing) instead of being dropped silently.
 */
export async function singleFileUpload(request: FastifyRequest): Promise<AttachmentUpload> {
  if (!request.isMultipart()) throw fileRequired();
  const parts = request.parts() as Parts;
  let part: MultipartFile | undefined;
  try {
    part = await firstFile(parts);
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
    if (error) {
      content.destroy(incomplete());
      return;
    }
    // A file over the size limit: the service reports it (413) once it sees the stream end truncated.
    if (file.truncated) return void content.end();
    firstFile(parts).then(
      (another) => {
        if (!another) return content.end();
        another.file.resume();
        content.destroy(fileRequired());
      },
      // Busboy's file limit (1) raised by a second file part; anything else is a broken body.
      (limit: unknown) =>
        content.destroy(
          (limit as { code?: unknown })?.code === 'FST_FILES_LIMIT'
            ? fileRequired()
            : isClientLimit(limit)
              ? (limit as Error)
              : incomplete(),
        ),
    );
  });
  file.pipe(content, { end: false });
  return { fileName: part.filename, content, truncated: () => file.truncated };
}
