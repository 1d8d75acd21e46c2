import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A minimal SMTP receiver (RFC 5321 server side: EHLO/HELO, MAIL, RCPT, DATA with dot-unstuffing
 * by end marker, RSET, NOOP, QUIT; advertises PIPELINING and 8BITMIME) that only counts messages by
 * their `X-Idempotency-Key` header. The fan-out bench can use it in place of smtp-server
 * (BENCH_SMTP=lean) to see how much of the fan-out's time is the receiving server's own CPU, which
 * shares this machine's two cores with the worker; a production SMTP relay runs elsewhere.
 */
export class LeanSmtpReceiver {
  readonly byKey = new Map<string, number>();
  port = 0;
  private server?: Server;
  private readonly sockets = new Set<Socket>();

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  get total(): number {
    let n = 0;
    for (const c of this.byKey.values()) n += c;
    return n;
  }

  get duplicates(): number {
    return this.total - this.byKey.size;
  }

  async start(): Promise<this> {
    this.server = createServer((socket) => this.session(socket));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private session(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = '';
    let inData = false;
    socket.setEncoding('latin1');
    socket.write('220 lean-smtp ESMTP\r\n');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const replies: string[] = [];
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) break;
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          const headerEnd = message.indexOf('\r\n\r\n');
          const headers = headerEnd >= 0 ? message.slice(0, headerEnd) : message;
          const key = /^x-idempotency-key:[ \t]*(\S+)/im.exec(headers)?.[1];
          if (key) this.byKey.set(key, (this.byKey.get(key) ?? 0) + 1);
          replies.push('250 2.0.0 queued');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) break;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') replies.push('250-lean-smtp\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SMTPUTF8');
        else if (verb === 'DATA') {
          replies.push('354 end with <CRLF>.<CRLF>');
          inData = true;
        } else if (verb === 'QUIT') {
          socket.end('221 2.0.0 bye\r\n');
          return;
        } else if (['HELO', 'MAIL', 'RCPT', 'RSET', 'NOOP'].includes(verb)) replies.push('250 2.0.0 ok');
        else replies.push('502 5.5.2 command not implemented');
      }
      if (replies.length) socket.write(replies.join('\r\n') + '\r\n');
    });
  }
}
