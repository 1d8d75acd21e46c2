import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { lookup as dnsLookupAsync } from 'node:dns/promises';
import { Injectable } from '@nestjs/common';
import { Agent, request } from 'undici';
import { AppConfig } from '@app/config';
import { type AllowEntry, judgeAddress, parseAllowList, parseIp, unbracket } from './ssrf';
import { WebhookError } from './webhook.errors';

/** What the guard needs from config. */
export interface WebhookTargetPolicy {
  allowHttp: boolean;
  allow: readonly AllowEntry[];
}

export interface WebhookTimeouts {
  connectMs: number;
  headersMs: number;
  bodyMs: number;
}

/** How one HTTP attempt went. `statusCode` is null when no response came (network, timeout, refused target). */
export interface WebhookSendResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** At most this much of a receiver's answer is read (and the first 500 characters kept as the error). */
export const WEBHOOK_RESPONSE_READ_MAX_BYTES = 8 * 1024;
export const WEBHOOK_USER_AGENT = 'ScenarioExchange-Webhooks/1.0 (+https://github.com/scenario-exchange)';

const effectivePort = (url: URL) => (url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80);

/**
 * Checks what can be checked without DNS: an absolute http(s) URL (http only when allowed), no user
 * or password, a host. Every problem is a 400 naming `field`.
 */
export function parseWebhookUrl(raw: string, policy: WebhookTargetPolicy, field = 'url'): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookError('WEBHOOK_URL_INVALID', {}, field);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp))
    throw new WebhookError('WEBHOOK_URL_SCHEME_NOT_ALLOWED', { scheme: url.protocol.replace(/:$/, '') }, field);
  if (url.username || url.password) throw new WebhookError('WEBHOOK_URL_CREDENTIALS', {}, field);
  if (!url.hostname) throw new WebhookError('WEBHOOK_URL_INVALID', {}, field);
  return url;
}

/**
 * The whole check at create/update time: parse, then the IP literal or every address the host name
 * resolves to must be deliverable (public, or allowed in config). Delivery checks again (DNS can change).
 */
export async function vetWebhookUrl(
  raw: string,
  policy: WebhookTargetPolicy,
  resolve: (host: string) => Promise<string[]> = async (host) =>
    (await dnsLookupAsync(host, { all: true, verbatim: true })).map((a) => a.address),
  field = 'url',
): Promise<URL> {
  const url = parseWebhookUrl(raw, policy, field);
  const host = unbracket(url.hostname);
  let addresses: string[];
  if (parseIp(host)) addresses = [host];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      throw new WebhookError('WEBHOOK_URL_UNRESOLVABLE', { host }, field);
    }
    if (addresses.length === 0) throw new WebhookError('WEBHOOK_URL_UNRESOLVABLE', { host }, field);
  }
  for (const address of addresses) {
    const verdict = judgeAddress(policy.allow, { host, port: effectivePort(url), address });
    if (!verdict.allowed)
      throw new WebhookError(
        'WEBHOOK_URL_PRIVATE_ADDRESS',
        { host, address: verdict.address, range: verdict.range },
        field,
      );
  }
  return url;
}

class RefusedAddressError extends Error {
  readonly code = 'WEBHOOK_ADDRESS_REFUSED';
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for the connection itself: resolves, refuses unless every answer is deliverable, and
 * hands exactly the vetted addresses to the socket — so a DNS answer that changes between the check
 * and the connection (rebinding) cannot reach a private address.
 */
function guardedLookup(allow: readonly AllowEntry[], host: string, port: number) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses as LookupAddress[];
      for (const a of list) {
        const verdict = judgeAddress(allow, { host, port, address: a.address });
        if (!verdict.allowed) {
          return callback(
            new RefusedAddressError(`refused: ${hostname} resolves to ${verdict.address} (${verdict.range})`),
            [],
          );
        }
      }
      if (list.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`)), []);
      if (options.all) callback(null, list);
      else callback(null, list[0].address, list[0].family);
    });
  };
}

function describe(error: unknown): string {
  const e = error as { message?: string; code?: string; cause?: { message?: string; code?: string } };
  const inner = e?.cause?.message ? `${e.cause.code ? `${e.cause.code}: ` : ''}${e.cause.message}` : null;
  const outer = `${e?.code ? `${e.code}: ` : ''}${e?.message ?? String(error)}`;
  return (inner ?? outer).slice(0, 500);
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy(): unknown }, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= max) break;
    }
  } catch {
    // a body that breaks off is still an answer: the status code decides
  } finally {
    body.destroy();
  }
  return Buffer.concat(chunks).subarray(0, max).toString('utf8');
}

/**
 * One POST to a webhook target, guarded: the URL rules again (config may have changed), the IP
 * literal or the resolved addresses vetted at connect time, no redirects (a 3xx is a failure),
 * connect/headers/body timeouts, and only the first few KiB of the answer read.
 */
export async function postWebhook(
  rawUrl: string,
  headers: Record<string, string>,
  body: string,
  policy: WebhookTargetPolicy,
  timeouts: WebhookTimeouts,
): Promise<WebhookSendResult> {
  const started = Date.now();
  const done = (ok: boolean, statusCode: number | null, error: string | null): WebhookSendResult => ({
    ok,
    statusCode,
    error,
    durationMs: Date.now() - started,
  });
  let url: URL;
  try {
    url = parseWebhookUrl(rawUrl, policy);
  } catch (error) {
    return done(false, null, `refused: ${(error as WebhookError).code}`);
  }
  const host = unbracket(url.hostname);
  const port = effectivePort(url);
  if (parseIp(host)) {
    // An IP literal never goes through `lookup`: judge it here.
    const verdict = judgeAddress(policy.allow, { host, port, address: host });
    if (!verdict.allowed) return done(false, null, `refused: ${verdict.address} (${verdict.range})`);
  }
  const agent = new Agent({
    connect: { timeout: timeouts.connectMs, lookup: guardedLookup(policy.allow, host, port) },
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
    connections: 1,
    pipelining: 0,
  });
  try {
    const response = await request(url, {
      method: 'POST',
      headers: { ...headers, 'user-agent': WEBHOOK_USER_AGENT, connection: 'close' },
      body,
      dispatcher: agent,
      // A receiver that trickles bytes forever is cut off too.
      signal: AbortSignal.timeout(timeouts.connectMs + timeouts.headersMs + timeouts.bodyMs),
    });
    const text = await readCapped(response.body, WEBHOOK_RESPONSE_READ_MAX_BYTES);
    const ok = response.statusCode >= 200 && response.statusCode < 300;
    if (ok) return done(true, response.statusCode, null);
    const location = response.statusCode >= 300 && response.statusCode < 400 ? response.headers.location : undefined;
    const reason =
      location !== undefined
        ? `HTTP ${response.statusCode}: redirect not followed (${String(location).slice(0, 200)})`
        : `HTTP ${response.statusCode}${text ? `: ${text.slice(0, 300)}` : ''}`;
    return done(false, response.statusCode, reason.slice(0, 500));
  } catch (error) {
    return done(false, null, describe(error));
  } finally {
    agent.destroy().catch(() => undefined);
  }
}

/** The guard and the sender with the process's config. */
@Injectable()
export class WebhookTargets {
  readonly policy: WebhookTargetPolicy;
  readonly timeouts: WebhookTimeouts;

  constructor(config: AppConfig) {
    // Throws on a malformed entry: the process refuses to start rather than guard the wrong thing.
    this.policy = { allowHttp: config.WEBHOOK_ALLOW_HTTP, allow: parseAllowList(config.WEBHOOK_ALLOWED_HOSTS) };
    this.timeouts = {
      connectMs: config.WEBHOOK_CONNECT_TIMEOUT_MS,
      headersMs: config.WEBHOOK_HEADERS_TIMEOUT_MS,
      bodyMs: config.WEBHOOK_BODY_TIMEOUT_MS,
    };
  }

  vet(url: string, field = 'url'): Promise<URL> {
    return vetWebhookUrl(url, this.policy, undefined, field);
  }

  post(url: string, headers: Record<string, string>, body: string): Promise<WebhookSendResult> {
    return postWebhook(url, headers, body, this.policy, this.timeouts);
  }
}
