import { randomBytes } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser';
import { encodeWord } from 'nodemailer/lib/mime-funcs';

/** The sender as parsed once from MAIL_FROM: the envelope address and the encoded `From:` header value. */
export interface Sender {
  address: string;
  header: string;
}

/** Printable ASCII without spaces, as plain header values and envelope addresses must be here. */
const SIMPLE_ASCII = /^[\x21-\x7e]+$/;
/** A plain address: ASCII local part and domain without the characters that need quoting. */
const SIMPLE_ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+$/;
const PLAIN_NAME = /^[A-Za-z0-9 ._-]*$/;
const HEADER_NAME = /^[A-Za-z0-9-]+$/;

/** Plain ASCII text stays; anything else becomes RFC 2047 B-words of at most 52 characters each. */
function encodeText(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : encodeWord(value, 'B', 52);
}

/** `Name: value`, folded between words (CRLF + space) so lines stay within 76 columns where words allow. */
function headerLine(name: string, value: string): string {
  let out = `${name}:`;
  let line = out.length;
  let first = true;
  for (const word of value.split(' ')) {
    if (!first && word && line + 1 + word.length > 76) {
      out += `\r\n ${word}`;
      line = 1 + word.length;
    } else {
      out += ` ${word}`;
      line += 1 + word.length;
    }
    first = false;
  }
  return `${out}\r\n`;
}

export function parseSender(from: string): Sender {
  const [first] = addressparser(from, { flatten: true });
  const address = first?.address ?? '';
  if (!SIMPLE_ADDRESS.test(address)) throw new Error(`MAIL_FROM has no usable address: ${from}`);
  const name = first?.name ?? '';
  if (!name) return { address, header: address };
  const shown = PLAIN_NAME.test(name) ? name : /^[\x20-\x7e]*$/.test(name) ? JSON.stringify(name) : encodeText(name);
  return { address, header: `${shown} <${address}>` };
}

/** base64 in lines of 76 characters, CRLF after each. */
function base64Lines(text: string): string {
  const b64 = Buffer.from(text, 'utf8').toString('base64');
  let out = '';
  for (let i = 0; i < b64.length; i += 76) out += `${b64.slice(i, i + 76)}\r\n`;
  return out;
}

/** What differs per recipient in a message built from a RawEmailTemplate. */
export interface RawRecipient {
  to: string;
  messageId: string;
  /** Header values (ASCII, e.g. `X-Idempotency-Key`, `List-Unsubscribe`); folded as needed. */
  headers: Record<string, string>;
  /** Replaces every occurrence of the template's placeholder in the HTML and text parts. */
  html: string;
  text: string;
}

/**
 * A multipart/alternative message (text and HTML, UTF-8, base64) built once per notification and
 * sent to many recipients: the shared headers (From, Subject, Date, MIME-Version, Content-Type) are
 * encoded once; per recipient only To, Message-ID, the extra headers and the two body parts are
 * written, as one buffer (one socket write for the whole DATA instead of a stream of small pieces).
 * `canBuild` says whether a recipient's values are plain enough for it (ASCII address and header
 * values); anything else goes through nodemailer's full composer.
 */
export class RawEmailTemplate {
  private readonly head: string;
  private readonly boundary = `--_sx_${randomBytes(12).toString('hex')}`;

  constructor(sender: Sender, subject: string, date: Date) {
    this.head =
      headerLine('From', sender.header) +
      headerLine('Subject', encodeText(subject.replace(/[\r\n]+/g, ' '))) +
      `Date: ${date.toUTCString().replace(/GMT$/, '+0000')}\r\n` +
      'MIME-Version: 1.0\r\n' +
      `Content-Type: multipart/alternative; boundary="${this.boundary}"\r\n`;
  }

  static canBuild(to: string, headers: Record<string, string>): boolean {
    if (!SIMPLE_ADDRESS.test(to) || to.length > 254) return false;
    for (const [name, value] of Object.entries(headers)) {
      if (!HEADER_NAME.test(name) || value.length > 900) return false;
      if (!value.split(' ').every((part) => part === '' || SIMPLE_ASCII.test(part))) return false;
    }
    return true;
  }

  build(r: RawRecipient): Buffer {
    let head = this.head + `To: ${r.to}\r\nMessage-ID: ${r.messageId}\r\n`;
    for (const [name, value] of Object.entries(r.headers)) head += headerLine(name, value);
    const part = (type: string, body: string) =>
      `--${this.boundary}\r\nContent-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(body)}`;
    return Buffer.from(
      `${head}\r\n${part('text/plain', r.text)}${part('text/html', r.html)}--${this.boundary}--\r\n`,
      'latin1',
    );
  }
}
