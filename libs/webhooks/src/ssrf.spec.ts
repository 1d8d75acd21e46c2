import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addressRange, isPublicAddress, judgeAddress, parseAllowEntry, parseAllowList, parseIp } from './ssrf';
import { parseWebhookUrl, postWebhook, vetWebhookUrl, type WebhookTargetPolicy } from './webhook-targets';
import { WebhookError } from './webhook.errors';

const STRICT: WebhookTargetPolicy = { allowHttp: false, allow: [] };
const hostOf = (url: string) => new URL(url).hostname;

describe('SSRF classifier', () => {
  it.each([
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['169.254.169.254', 'linkLocal'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.254', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['[::1]', 'loopback'],
    // IPv4-mapped IPv6 is judged as the IPv4 address it carries
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.5', 'private'],
    ['::ffff:a9fe:a9fe', 'linkLocal'],
    ['[::ffff:169.254.169.254]', 'linkLocal'],
    // NAT64 / 6to4 embeddings are not deliverable either
    ['64:ff9b::a00:1', 'rfc6052'],
    ['2002:a00:1::1', '6to4'],
    // IPv4-compatible IPv6 (::/96, deprecated): an IPv4 address in IPv6 clothes (`[::127.0.0.1]` in a URL)
    ['::7f00:1', 'ipv4Compatible'],
    ['::a9fe:a9fe', 'ipv4Compatible'],
    ['[::a00:5]', 'ipv4Compatible'],
    ['not-an-ip', 'invalid'],
  ])('%s is %s (refused)', (address, range) => {
    expect(addressRange(address)).toBe(range);
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '100.128.0.1', '172.32.0.1'])(
    '%s is public',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );

  it.each([
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://2130706433/', '127.0.0.1'],
    ['http://017700000001/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://0/', '0.0.0.0'],
    ['http://0xa9fea9fe/', '169.254.169.254'],
    ['http://[0:0:0:0:0:ffff:a00:5]/', '[::ffff:a00:5]'],
  ])('decimal/octal/hex/short forms: URL normalises %s to %s, which is refused', (url, host) => {
    expect(hostOf(url)).toBe(host);
    expect(parseIp(hostOf(url))).not.toBeNull();
    expect(isPublicAddress(hostOf(url))).toBe(false);
  });
});

describe('allow list (WEBHOOK_ALLOWED_HOSTS)', () => {
  it('parses hosts, host:port, IPs, [v6]:port and CIDRs; refuses nonsense', () => {
    expect(parseAllowEntry('LocalHost:8080')).toEqual({ kind: 'host', host: 'localhost', port: 8080 });
    expect(parseAllowEntry('127.0.0.1')).toEqual({ kind: 'host', host: '127.0.0.1', port: null });
    expect(parseAllowEntry('127.0.0.1:9000')).toEqual({ kind: 'host', host: '127.0.0.1', port: 9000 });
    expect(parseAllowEntry('[::1]:443')).toEqual({ kind: 'host', host: '::1', port: 443 });
    expect(parseAllowEntry('::1')).toEqual({ kind: 'host', host: '::1', port: null });
    expect(parseAllowEntry('10.1.2.0/24')).toMatchObject({ kind: 'cidr', port: null });
    expect(() => parseAllowEntry('10.0.0.0/99')).toThrow();
    expect(() => parseAllowEntry('a b')).toThrow();
    expect(() => parseAllowEntry('host:99999')).toThrow();
  });

  it('lets allowed targets through, with the port rule', () => {
    const allow = parseAllowList(['127.0.0.1', 'intranet.example:8443', '10.1.2.0/24']);
    const judge = (host: string, port: number, address: string) => judgeAddress(allow, { host, port, address }).allowed;
    expect(judge('127.0.0.1', 1234, '127.0.0.1')).toBe(true);
    expect(judge('::ffff:127.0.0.1', 1234, '::ffff:127.0.0.1')).toBe(true);
    expect(judge('127.0.0.2', 1234, '127.0.0.2')).toBe(false);
    expect(judge('intranet.example', 8443, '10.9.9.9')).toBe(true);
    expect(judge('intranet.example', 22, '10.9.9.9')).toBe(false);
    expect(judge('anything.example', 443, '10.1.2.77')).toBe(true);
    expect(judge('anything.example', 443, '10.1.3.77')).toBe(false);
    // `127.0.0.1` names the host as written: `localhost` (which resolves there) is not allowed by it…
    expect(judge('localhost', 80, '127.0.0.1')).toBe(false);
    // …a CIDR is matched against the address connected to, so it is.
    expect(
      judgeAddress(parseAllowList(['127.0.0.0/8']), { host: 'localhost', port: 80, address: '127.0.0.1' }).allowed,
    ).toBe(true);
    expect(judgeAddress([], { host: 'localhost', port: 80, address: '127.0.0.1' })).toEqual({
      allowed: false,
      address: '127.0.0.1',
      range: 'loopback',
    });
  });
});

describe('allow list ports (a port allowed for one host does not open others)', () => {
  const policy: WebhookTargetPolicy = { allowHttp: true, allow: parseAllowList(['127.0.0.1:8080', '[::1]:8443']) };
  const verdict = async (url: string) =>
    vetWebhookUrl(url, policy).then(
      () => 'ok',
      (e: WebhookError) => e.code,
    );
  it.each([
    ['http://127.0.0.1:8080/hook', 'ok'],
    ['http://[::ffff:127.0.0.1]:8080/hook', 'ok'], // the same address and port
    ['http://127.0.0.1/hook', 'WEBHOOK_URL_PRIVATE_ADDRESS'], // default port 80
    ['https://127.0.0.1/hook', 'WEBHOOK_URL_PRIVATE_ADDRESS'], // default port 443
    ['http://127.0.0.1:6379/', 'WEBHOOK_URL_PRIVATE_ADDRESS'],
    ['http://127.0.0.2:8080/', 'WEBHOOK_URL_PRIVATE_ADDRESS'],
    ['http://localhost:8080/', 'WEBHOOK_URL_PRIVATE_ADDRESS'], // a name is not the IP entry
    ['http://[::1]:8443/', 'ok'],
    ['http://[::1]:8080/', 'WEBHOOK_URL_PRIVATE_ADDRESS'],
    ['http://[0:0:0:0:0:0:0:1]:8443/', 'ok'],
  ])('%s → %s', async (url, expected) => {
    expect(await verdict(url)).toBe(expected);
  });
});

describe('webhook URL rules', () => {
  const code = async (url: string, policy = STRICT, resolve?: (h: string) => Promise<string[]>) => {
    try {
      await vetWebhookUrl(url, policy, resolve);
      return 'ok';
    } catch (e) {
      expect(e).toBeInstanceOf(WebhookError);
      expect((e as WebhookError).field).toBe('url');
      return (e as WebhookError).code;
    }
  };

  it('wants https (http only when allowed), no credentials, a valid URL', async () => {
    expect(await code('http://8.8.8.8/hook')).toBe('WEBHOOK_URL_SCHEME_NOT_ALLOWED');
    expect(await code('http://8.8.8.8/hook', { allowHttp: true, allow: [] })).toBe('ok');
    expect(await code('ftp://8.8.8.8/hook')).toBe('WEBHOOK_URL_SCHEME_NOT_ALLOWED');
    expect(await code('https://user:pw@8.8.8.8/hook')).toBe('WEBHOOK_URL_CREDENTIALS');
    expect(await code('not a url')).toBe('WEBHOOK_URL_INVALID');
    expect(() => parseWebhookUrl('https://8.8.8.8/', STRICT)).not.toThrow();
  });

  it.each([
    'https://10.0.0.5/hook',
    'https://169.254.169.254/latest/meta-data/',
    'https://[::1]/hook',
    'https://[::ffff:127.0.0.1]/hook',
    'https://0.0.0.0/',
    'https://100.64.0.1/',
    'https://2130706433/',
    'https://[::127.0.0.1]/',
    'https://[::169.254.169.254]/',
  ])('refuses %s', async (url) => {
    expect(await code(url)).toBe('WEBHOOK_URL_PRIVATE_ADDRESS');
  });

  it('refuses a name that resolves to a private address, or to several of which one is private', async () => {
    expect(await code('https://localhost/hook')).toBe('WEBHOOK_URL_PRIVATE_ADDRESS');
    expect(await code('https://mixed.example/', STRICT, async () => ['8.8.8.8', '10.0.0.1'])).toBe(
      'WEBHOOK_URL_PRIVATE_ADDRESS',
    );
    expect(await code('https://public.example/', STRICT, async () => ['8.8.8.8'])).toBe('ok');
    expect(
      await code('https://nowhere.example/', STRICT, async () => {
        throw new Error('ENOTFOUND');
      }),
    ).toBe('WEBHOOK_URL_UNRESOLVABLE');
  });
});

describe('delivery-time guard (postWebhook)', () => {
  const timeouts = { connectMs: 1000, headersMs: 1000, bodyMs: 1000 };
  it('refuses a private IP literal and a name resolving to loopback at connect time, without sending', async () => {
    const literal = await postWebhook('https://127.0.0.1:9/hook', {}, '{}', STRICT, timeouts);
    expect(literal).toMatchObject({ ok: false, statusCode: null });
    expect(literal.error).toMatch(/refused: 127\.0\.0\.1 \(loopback\)/);
    const named = await postWebhook('https://localhost:9/hook', {}, '{}', STRICT, timeouts);
    expect(named).toMatchObject({ ok: false, statusCode: null });
    expect(named.error).toMatch(/refused: localhost resolves to/);
    const http = await postWebhook('http://8.8.8.8/hook', {}, '{}', STRICT, timeouts);
    expect(http.error).toMatch(/WEBHOOK_URL_SCHEME_NOT_ALLOWED/);
  });
});

describe('delivery-time limits against a hostile receiver (loopback, allowed)', () => {
  const LOOPBACK: WebhookTargetPolicy = { allowHttp: true, allow: parseAllowList(['127.0.0.1']) };
  const timeouts = { connectMs: 300, headersMs: 300, bodyMs: 300 };
  let server: Server;
  let base: string;
  const bodies: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push(Buffer.concat(chunks).toString('utf8'));
        if (req.url === '/trickle') {
          res.writeHead(200);
          const timer = setInterval(() => res.write('x'), 50); // never ends, never idle for long
          res.on('close', () => clearInterval(timer));
        } else if (req.url === '/flood') {
          res.writeHead(500);
          const chunk = Buffer.alloc(64 * 1024, 'y');
          const pump = () => {
            while (res.write(chunk));
          };
          res.on('drain', pump);
          pump();
        } else if (req.url === '/huge-headers') {
          res.writeHead(200, { 'x-big': 'z'.repeat(64 * 1024) }).end();
        } else res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('cuts off a body that trickles forever at the overall cut-off', async () => {
    const started = Date.now();
    const result = await postWebhook(`${base}/trickle`, {}, '{}', LOOPBACK, timeouts);
    expect(result.statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('reads at most 8 KiB of an endless fast body', async () => {
    const result = await postWebhook(`${base}/flood`, {}, '{}', LOOPBACK, timeouts);
    expect(result).toMatchObject({ ok: false, statusCode: 500 });
    expect(result.error!.length).toBeLessThanOrEqual(500);
  });

  it('fails an answer with oversized headers instead of taking it', async () => {
    const result = await postWebhook(`${base}/huge-headers`, {}, '{}', LOOPBACK, timeouts);
    expect(result).toMatchObject({ ok: false, statusCode: null });
  });

  it('sends exactly the bytes it was given (what the signature covers), non-ASCII included', async () => {
    const body = JSON.stringify({ title: '童装面料瑕疵 ❤️', s: '\ud800' });
    const result = await postWebhook(`${base}/ok`, {}, body, LOOPBACK, timeouts);
    expect(result).toMatchObject({ ok: true, statusCode: 204 });
    expect(bodies[bodies.length - 1]).toBe(body);
  });
});
