/**
 * The one way the web app talks to the API: JSON over fetch, the access token in a bearer header,
 * one refresh on 401, and every failure as an ApiError carrying the API's code and field errors.
 */
import { currentLanguage } from '../i18n';

export const API_BASE = '/api/v1';

export interface FieldError {
  field: string;
  rule: string;
  message: string;
}

/** The API's error body (apps/api/src/errors/domain-error.filter.ts). */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  requestId?: string;
  errors?: FieldError[];
  details?: Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static fromBody(status: number, body: Partial<ApiErrorBody> | null): ApiError {
    return new ApiError(
      status,
      body?.code ?? 'HTTP_' + status,
      body?.message ?? `HTTP ${status}`,
      body?.errors ?? [],
      body?.details ?? {},
    );
  }
}

export interface Session {
  accessToken: string;
  refreshToken: string;
}

const SESSION_KEY = 'sx.session';
type SessionListener = (session: Session | null) => void;
const listeners = new Set<SessionListener>();

export const sessionStore = {
  get(): Session | null {
    try {
      const raw = localStorage.getItem(SESSION_KEY);
      return raw ? (JSON.parse(raw) as Session) : null;
    } catch {
      return null;
    }
  },
  set(session: Session | null): void {
    if (session) localStorage.setItem(SESSION_KEY, JSON.stringify(session));
    else localStorage.removeItem(SESSION_KEY);
    listeners.forEach((l) => l(session));
  },
  subscribe(listener: SessionListener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export type Query = Record<string, string | number | boolean | undefined | null | Array<string | number>>;

export function buildUrl(path: string, query?: Query): string {
  const url = `${API_BASE}${path.startsWith('/') ? path : `/${path}`}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach((v) => params.append(key, String(v)));
    else params.append(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** FormData for uploads; sent as multipart. */
  form?: FormData;
  signal?: AbortSignal;
  /** Return the raw Response (downloads). */
  raw?: boolean;
  headers?: Record<string, string>;
}

let refreshing: Promise<boolean> | null = null;

/** Trades the refresh token for a new pair once, however many requests hit a 401 at the same time. */
async function refreshSession(): Promise<boolean> {
  const session = sessionStore.get();
  if (!session) return false;
  refreshing ??= (async () => {
    try {
      const res = await fetch(buildUrl('/auth/refresh'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: session.refreshToken }),
      });
      if (!res.ok) {
        sessionStore.set(null);
        return false;
      }
      const pair = (await res.json()) as Session;
      sessionStore.set({ accessToken: pair.accessToken, refreshToken: pair.refreshToken });
      return true;
    } catch {
      return false;
    } finally {
      setTimeout(() => (refreshing = null), 0);
    }
  })();
  return refreshing;
}

async function send(method: string, path: string, options: RequestOptions, retried: boolean): Promise<Response> {
  const session = sessionStore.get();
  const headers: Record<string, string> = { 'accept-language': currentLanguage(), ...options.headers };
  if (session) headers.authorization = `Bearer ${session.accessToken}`;
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const res = await fetch(buildUrl(path, options.query), { method, headers, body, signal: options.signal });
  if (res.status === 401 && session && !retried && !path.startsWith('/auth/')) {
    if (await refreshSession()) return send(method, path, options, true);
  }
  return res;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, options, false);
  if (!res.ok) {
    let body: Partial<ApiErrorBody> | null = null;
    try {
      body = (await res.json()) as ApiErrorBody;
    } catch {
      body = null;
    }
    throw ApiError.fromBody(res.status, body);
  }
  if (options.raw) return res as unknown as T;
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, { body, query }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string, body?: unknown) => request<T>('DELETE', path, { body }),
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { form }),
};

/** Downloads a protected file (receipts, attachments) with the bearer token and saves it. */
export async function downloadFile(path: string, fallbackName: string, query?: Query): Promise<void> {
  const res = await request<Response>('GET', path, { raw: true, query });
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const name = star ? decodeURIComponent(star) : (plain ?? fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
