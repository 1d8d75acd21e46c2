import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotIn,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  type ValidationArguments,
  validateSync,
} from 'class-validator';

/** Used only outside production so the quick start works without a .env; refused in production. */
export const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me-0123456789abcdef';
/** Like DEV_JWT_SECRET: the key signing unsubscribe links outside production only. */
export const DEV_UNSUBSCRIBE_SECRET = 'dev-only-unsubscribe-secret-change-me-0123456789';
/** Like DEV_JWT_SECRET: the proposal sealing key outside production only (base64 of 32 bytes). */
export const DEV_PROPOSAL_SEAL_KEY = 'ZGV2LW9ubHktcHJvcG9zYWwtc2VhbC1rZXktMDEyMzQ=';
/** Development-only key sealing webhook secrets at rest (32 bytes, base64); refused in production. */
export const DEV_WEBHOOK_SECRET_KEY = Buffer.from('dev-only-webhook-secret-key-0123').toString('base64');
/** The base64 of exactly 32 bytes: 43 characters (the last carrying 2 bits) and one `=`. */
const SEAL_KEY_BASE64 = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : value === true || value === 'true' || value === '1';
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

const isProduction = (c: AppConfig) => c.NODE_ENV === 'production';

/**
 * An AES-256 key setting: the base64 of 32 bytes, required in production and there not the
 * development default (`devDefault`); elsewhere optional (loadConfig fills in the default).
 */
function IsAesKey(name: string, devDefault: string): PropertyDecorator {
  return (target, property) => {
    ValidateIf((c: AppConfig) => isProduction(c) || (c as unknown as Record<string, unknown>)[name] !== undefined)(
      target,
      property,
    );
    IsString()(target, property);
    Matches(SEAL_KEY_BASE64, { message: `${name} must be the base64 of 32 bytes (openssl rand -base64 32)` })(
      target,
      property,
    );
    ValidateBy({
      name: 'notDevelopmentKey',
      validator: {
        validate: (value: unknown, args?: ValidationArguments) =>
          !(isProduction(args?.object as AppConfig) && value === devDefault),
        defaultMessage: () => `${name} must not be the development default in production`,
      },
    })(target, property);
  };
}

/**
 * Every setting the processes read, validated once at boot. Names are the environment variables.
 * With NODE_ENV=production, secrets have no defaults and must be strong.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  /** all = API + workers in one process (quick start); api or worker to scale them apart. */
  @IsIn(['all', 'api', 'worker'])
  PROCESS_ROLE: 'all' | 'api' | 'worker' = 'all';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  HTTP_PORT = 3000;

  @IsString()
  HTTP_HOST = '0.0.0.0';

  /**
   * How long the public list keeps a page's ids and a filter set's facet counts (seconds; 0 = off).
   * Public answers are cacheable for 60 s anyway; the rows themselves are always read fresh.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600)
  PUBLIC_LIST_CACHE_SECONDS = 30;

  /** Where people reach the platform: absolute links in feeds and exports are built from it. */
  @Matches(/^https?:\/\/[^/]+(\/.*[^/])?$/, {
    message: 'PUBLIC_BASE_URL must be an http(s) URL without a trailing slash',
  })
  PUBLIC_BASE_URL = 'http://localhost:3000';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/scenario_exchange';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379/0';

  /** Key prefix for BullMQ and rate-limit keys: lets several deployments or test runs share a Redis. */
  @Matches(/^[a-zA-Z0-9_-]{1,40}$/)
  REDIS_PREFIX = 'sx';

  @ValidateIf(isProduction)
  @IsString()
  @MinLength(32, { message: 'JWT_ACCESS_SECRET must be at least 32 characters in production' })
  @IsNotIn([DEV_JWT_SECRET], { message: 'JWT_ACCESS_SECRET must not be the development default in production' })
  JWT_ACCESS_SECRET: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(3600)
  JWT_ACCESS_TTL_SECONDS = 900;

  @IsString()
  JWT_ISSUER = 'scenario-exchange';

  @IsString()
  JWT_AUDIENCE = 'scenario-exchange-api';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(90)
  REFRESH_TOKEN_TTL_DAYS = 14;

  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// URL' })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  @IsString()
  MAIL_FROM = '湖州市人工智能赋能中心 <no-reply@scenario-exchange.local>';

  /** SMTP connections kept open (pooled) per process by the email transport. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  SMTP_POOL_SIZE = 5;

  /** SMTP connection, greeting and socket-inactivity timeout (ms): a stuck server fails the send. */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(300000)
  SMTP_TIMEOUT_MS = 10000;

  /**
   * HMAC key signing one-click unsubscribe links in emails (at least 32 characters). Required in
   * production; elsewhere a fixed development key. Changing it invalidates links already sent.
   */
  @ValidateIf(isProduction)
  @IsString()
  @MinLength(32, { message: 'NOTIFICATION_UNSUBSCRIBE_SECRET must be at least 32 characters in production' })
  @IsNotIn([DEV_UNSUBSCRIBE_SECRET], {
    message: 'NOTIFICATION_UNSUBSCRIBE_SECRET must not be the development default in production',
  })
  NOTIFICATION_UNSUBSCRIBE_SECRET: string;

  /** Saved searches (list filters with alerts) one user may keep. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  SAVED_SEARCHES_PER_USER_MAX = 20;

  @Transform(toList)
  @IsString({ each: true })
  CORS_ORIGINS: string[] = ['http://localhost:3000', 'http://localhost:5173'];

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  /** Where the built web front end is (`npm run build:web`); the API serves it at `/` when index.html is there. */
  @IsString()
  @MinLength(1)
  WEB_DIST_DIR = './dist/apps/web';

  /** Root directory of the local-disk file storage (attachments); created when needed. */
  @IsString()
  @MinLength(1)
  STORAGE_DIR = './var/storage';

  /** Largest attachment (bytes); larger uploads are refused with 413. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

  /** Attachments one scenario may carry. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  ATTACHMENTS_PER_SCENARIO_MAX = 10;

  /** Attachments one proposal may carry (each at most ATTACHMENT_MAX_BYTES). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  PROPOSAL_ATTACHMENTS_MAX = 20;

  /**
   * Key that seals proposal content and attachments at rest (AES-256-GCM): the base64 of 32 random
   * bytes (`openssl rand -base64 32`). Required in production; elsewhere a fixed development key.
   */
  @IsAesKey('PROPOSAL_SEAL_KEY', DEV_PROPOSAL_SEAL_KEY)
  PROPOSAL_SEAL_KEY: string;

  /**
   * Key that seals webhook endpoints' signing secrets at rest (AES-256-GCM): the base64 of 32 random
   * bytes (`openssl rand -base64 32`). Required in production; elsewhere a fixed development key.
   */
  @IsAesKey('WEBHOOK_SECRET_KEY', DEV_WEBHOOK_SECRET_KEY)
  WEBHOOK_SECRET_KEY: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_GLOBAL_PER_MINUTE = 1200;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGIN_PER_MINUTE = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_REGISTER_PER_HOUR = 20;

  @Transform(toBool)
  @IsBoolean()
  TRUST_PROXY = false;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(60000)
  OUTBOX_POLL_MS = 500;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  OUTBOX_BATCH_SIZE = 100;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  WORKER_CONCURRENCY = 4;

  /** How long a stopping worker waits for in-flight jobs before it gives up. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600000)
  SHUTDOWN_GRACE_MS = 30000;

  /**
   * A material amendment to a published scenario leaves vendors at least this many days before the
   * proposal deadline (extending it when needed).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60)
  AMENDMENT_MIN_NOTICE_DAYS = 5;

  /** Days after an award decision during which unsuccessful vendors may lodge an objection (standstill). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(90)
  AWARD_STANDSTILL_DAYS = 10;

  /** A delivery milestone is announced as due (`delivery.milestone_due`) this many days before its due date. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60)
  MILESTONE_DUE_NOTICE_DAYS = 3;

  /** Webhooks: allow `http://` endpoint URLs (otherwise https only). For local development and tests. */
  @Transform(toBool)
  @IsBoolean()
  WEBHOOK_ALLOW_HTTP = false;

  /**
   * Webhooks: targets exempt from the SSRF guard (comma-separated `host`, `host:port`, `[v6]:port`,
   * IP or CIDR), e.g. `127.0.0.1` in tests or `10.1.2.0/24` for an intranet receiver. Empty: only
   * public (global unicast) addresses are delivered to.
   */
  @Transform(toList)
  @IsString({ each: true })
  @Matches(/^(\[[0-9a-fA-F:.]+\](:\d{1,5})?|[0-9a-fA-F:.]+\/\d{1,3}|[A-Za-z0-9.-]+(:\d{1,5})?|[0-9a-fA-F:]+)$/, {
    each: true,
    message: 'WEBHOOK_ALLOWED_HOSTS entries must be host, host:port, [IPv6]:port, IP or CIDR',
  })
  WEBHOOK_ALLOWED_HOSTS: string[] = [];

  /** Webhooks: TCP/TLS connect timeout (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(60000)
  WEBHOOK_CONNECT_TIMEOUT_MS = 5000;

  /** Webhooks: how long a receiver may take to send the response headers (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(120000)
  WEBHOOK_HEADERS_TIMEOUT_MS = 10000;

  /** Webhooks: longest pause while reading the response body (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(120000)
  WEBHOOK_BODY_TIMEOUT_MS = 10000;

  /** Webhooks: first retry delay (ms); each next one doubles up to WEBHOOK_BACKOFF_MAX_DELAY_MS. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600000)
  WEBHOOK_BACKOFF_BASE_MS = 60000;

  /** Webhooks: longest delay between two attempts (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400000)
  WEBHOOK_BACKOFF_MAX_DELAY_MS = 4 * 3600000;

  /** Webhooks: retries stop (the delivery is dead) once the delays add up to this (ms; 24 h). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(7 * 86400000)
  WEBHOOK_RETRY_WINDOW_MS = 86400000;

  /** Webhooks: deliveries sent at most per WEBHOOK_RATE_LIMIT_DURATION_MS by all workers together. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  WEBHOOK_RATE_LIMIT_MAX = 50;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(3600000)
  WEBHOOK_RATE_LIMIT_DURATION_MS = 1000;

  /** Webhooks: deliveries one endpoint receives at most per WEBHOOK_ENDPOINT_RATE_LIMIT_WINDOW_MS (0 = no limit). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100000)
  WEBHOOK_ENDPOINT_RATE_LIMIT_MAX = 60;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3600000)
  WEBHOOK_ENDPOINT_RATE_LIMIT_WINDOW_MS = 60000;

  /** Webhooks: deliveries one worker process sends at once. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  WEBHOOK_CONCURRENCY = 8;

  /** Webhooks: how often the sweep re-queues pending deliveries whose job is missing (Redis was down). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3600000)
  WEBHOOK_SWEEP_EVERY_MS = 60000;

  /** Matching: vendors at or above this score (0–100) are announced in `matching.scenario_matched`. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100)
  MATCH_NOTIFY_THRESHOLD = 60;

  /** Matching: how many best vendors are stored per scenario (match_score rows). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  MATCH_STORE_TOP_N = 100;

  /** Matching: how many candidates PostgreSQL returns (by prescore over the postings) for exact scoring. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(5000)
  MATCH_CANDIDATES = 300;

  /** Matching: worker threads that score candidates (0 = score in the calling thread). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(16)
  MATCH_SCORING_THREADS = 1;

  /** Matched-scenario notifications one vendor organisation gets per Huzhou day (best matches first). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1000)
  MATCH_NOTIFICATIONS_PER_VENDOR_PER_DAY = 5;

  /** Recipients per notification fan-out chunk job (one job inserts, records and sends for that many). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(5000)
  NOTIFICATION_CHUNK_SIZE = 500;

  /** Notification jobs (fan-out chunks) one worker process runs at once. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  NOTIFICATION_WORKER_CONCURRENCY = 4;

  /** Send attempts of one email delivery before it is marked failed (staff may retry it). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  NOTIFICATION_EMAIL_MAX_ATTEMPTS = 5;

  /** Emails sent per second by all workers together (a Redis fixed-window limiter; 0 = no limit). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100000)
  EMAIL_RATE_LIMIT_PER_SECOND = 200;

  /**
   * Emails one chunk job sends at once. After a crash only emails in flight may be sent twice, so
   * duplicates are at most (chunk jobs in flight) x this; 1 keeps the bound at one per job.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  NOTIFICATION_EMAILS_IN_FLIGHT_PER_JOB = 1;

  /** BullMQ lock of a notification job; a crashed worker's jobs are taken over after about this long. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600000)
  NOTIFICATION_LOCK_MS = 30000;

  /** How often the notification worker looks for stalled jobs (of crashed workers). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600000)
  NOTIFICATION_STALLED_INTERVAL_MS = 30000;

  @IsOptional()
  @IsString()
  APP_VERSION?: string;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigValidationError';
  }
}

/** Builds and validates the config from an environment; throws listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const picked: Record<string, unknown> = {};
  for (const key of [
    ...known,
    'JWT_ACCESS_SECRET',
    'PROPOSAL_SEAL_KEY',
    'WEBHOOK_SECRET_KEY',
    'NOTIFICATION_UNSUBSCRIBE_SECRET',
    'APP_VERSION',
  ]) {
    if (env[key] !== undefined) picked[key] = env[key];
  }
  const config = plainToInstance(AppConfig, picked, { exposeDefaultValues: true });
  const problems = validateSync(config, { forbidUnknownValues: false }).flatMap((e) =>
    Object.values(e.constraints ?? {}).map((m) => (m.startsWith(e.property) ? m : `${e.property}: ${m}`)),
  );
  if (problems.length) throw new ConfigValidationError(problems);
  if (!config.JWT_ACCESS_SECRET) config.JWT_ACCESS_SECRET = DEV_JWT_SECRET;
  if (!config.PROPOSAL_SEAL_KEY) config.PROPOSAL_SEAL_KEY = DEV_PROPOSAL_SEAL_KEY;
  if (!config.WEBHOOK_SECRET_KEY) config.WEBHOOK_SECRET_KEY = DEV_WEBHOOK_SECRET_KEY;
  if (!config.NOTIFICATION_UNSUBSCRIBE_SECRET) config.NOTIFICATION_UNSUBSCRIBE_SECRET = DEV_UNSUBSCRIBE_SECRET;
  return config;
}
