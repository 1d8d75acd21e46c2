/**
 * Which files may be uploaded (scenario and proposal attachments), decided from their content
 * (file-type's sniffing), never from the name or the client's Content-Type alone; the name's extension
 * must then agree with the content.
 */
export interface AllowedAttachmentType {
  /** What file-type reports for the content. */
  sniffed: string;
  /** Extensions a file of this content may have, each with the media type served for it. */
  extensions: Record<string, string>;
}

export const ALLOWED_ATTACHMENT_TYPES: readonly AllowedAttachmentType[] = [
  { sniffed: 'pdf', extensions: { pdf: 'application/pdf' } },
  { sniffed: 'png', extensions: { png: 'image/png' } },
  { sniffed: 'jpg', extensions: { jpg: 'image/jpeg', jpeg: 'image/jpeg' } },
  { sniffed: 'webp', extensions: { webp: 'image/webp' } },
  { sniffed: 'gif', extensions: { gif: 'image/gif' } },
  {
    sniffed: 'docx',
    extensions: { docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  },
  { sniffed: 'xlsx', extensions: { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } },
  {
    sniffed: 'pptx',
    extensions: { pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
  },
  // Legacy Office files are OLE compound files: the content says `cfb`, the extension which kind.
  {
    sniffed: 'cfb',
    extensions: { doc: 'application/msword', xls: 'application/vnd.ms-excel', ppt: 'application/vnd.ms-powerpoint' },
  },
];

/** Every extension a file name may end in. */
export const ALLOWED_ATTACHMENT_EXTENSIONS: readonly string[] = ALLOWED_ATTACHMENT_TYPES.flatMap((t) =>
  Object.keys(t.extensions),
);

export const ATTACHMENT_FILE_NAME_MAX = 200;

/** The lower-cased extension of a file name (`报告.PDF` → `pdf`); null if it has none. */
export function extensionOf(fileName: string): string | null {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(fileName);
  return match ? match[1].toLowerCase() : null;
}

/** Whether a file name's extension is one we accept at all (checked before reading the content). */
export function isAllowedExtension(fileName: string): boolean {
  const ext = extensionOf(fileName);
  return ext !== null && ALLOWED_ATTACHMENT_EXTENSIONS.includes(ext);
}

/**
 * The media type to store and serve, when the sniffed content is allowed and the name's extension
 * agrees with it; null otherwise (an `.exe` or HTML file renamed `.pdf`, a PDF named `.png`).
 */
export function agreedMediaType(sniffed: string | undefined, fileName: string): string | null {
  const ext = extensionOf(fileName);
  if (!sniffed || !ext) return null;
  return ALLOWED_ATTACHMENT_TYPES.find((t) => t.sniffed === sniffed)?.extensions[ext] ?? null;
}

// Controls, bidi overrides and invisible format characters, path separators and characters that
// Windows refuses in names.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff<>:"|?*]/g;

/**
 * The client's file name made safe to store and to send back in Content-Disposition: no directory
 * part, no control or bidi characters, single spaces, no leading dots, at most 200 characters
 * (keeping the extension). Empty if nothing usable is left.
 */
export function sanitizeFileName(raw: string): string {
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = base
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(UNSAFE, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .trim();
  const chars = Array.from(name);
  if (chars.length > ATTACHMENT_FILE_NAME_MAX) {
    const ext = extensionOf(name);
    const suffix = ext ? `.${ext}` : '';
    const keep = ATTACHMENT_FILE_NAME_MAX - suffix.length;
    name = `${chars
      .slice(0, chars.length - suffix.length)
      .slice(0, keep)
      .join('')
      .trimEnd()}${suffix}`;
  }
  return name;
}
