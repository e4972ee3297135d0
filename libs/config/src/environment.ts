import { isIP } from 'node:net';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  validateSync,
} from 'class-validator';

/** `address` or `Display Name <address>`, one address, with a domain part. */
const MAILBOX = /^(?:[^<>@\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

const toBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value;

/** Like toBoolean, but a word that is neither yes nor no stays a string and fails validation. */
const toStrictBoolean = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const word = value.trim().toLowerCase();
  return ['1', 'true', 'yes', 'on'].includes(word)
    ? true
    : ['0', 'false', 'no', 'off', ''].includes(word)
      ? false
      : value;
};

/**
 * Every environment variable the apps read. `.env.example` documents each one;
 * keep the two in step.
 */
export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_protocol: true, require_tld: false })
  DATABASE_URL: string;

  @IsUrl({ protocols: ['redis', 'rediss'], require_protocol: true, require_tld: false })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /**
   * Prefix of every BullMQ key in Redis (`<prefix>:<queue>:...`): installs sharing one Redis
   * database keep apart by it. `npm test` gives each run its own, so a test run never touches
   * the queues of a running `npm start`.
   */
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'QUEUE_PREFIX must be 1-64 letters, digits, _ or -' })
  QUEUE_PREFIX = 'bull';

  @Transform(({ value }) => Number(value))
  @Min(1)
  @Max(65535)
  @IsInt()
  PORT = 3000;

  /**
   * Which proxies in front of the API to believe about the client's address (X-Forwarded-For),
   * which the login throttle counts by: `false` (default: the connection's own address; every
   * header is ignored), a hop count (`1` for one reverse proxy), or a comma-separated list of
   * proxy addresses, CIDR ranges or `loopback`, `linklocal`, `uniquelocal`. Never `true`: that
   * would let any client name its own address.
   */
  @ValidateBy({
    name: 'trustProxy',
    validator: {
      validate: (value) => typeof value === 'string' && parseTrustProxy(value) !== undefined,
      defaultMessage: () =>
        'TRUST_PROXY must be false, a hop count (1-10), or a comma-separated list of proxy addresses, CIDR ranges, loopback, linklocal or uniquelocal (never true: any client could then choose its address)',
    },
  })
  TRUST_PROXY = 'false';

  @Transform(({ value }) => Number(value))
  @Min(1)
  @Max(65535)
  @IsInt()
  WORKER_PORT = 3001;

  /**
   * How long a stopping worker (SIGTERM, SIGINT) waits for the jobs it runs before it exits
   * anyway: a send stuck on a server that never answers would otherwise hold the stop for good.
   * A digest cut off this way stays claimed until its lease runs out, then is retried.
   */
  @Transform(({ value }) => Number(value))
  @Min(1000)
  @IsInt()
  WORKER_SHUTDOWN_GRACE_MS = 30_000;

  /** Public base URL of the web app, used in links sent to people. */
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  APP_URL = 'http://localhost:3000';

  @Transform(({ value }) => Number(value))
  @Min(1)
  @Max(24 * 90)
  @IsInt()
  SESSION_TTL_HOURS = 12;

  /**
   * Hours a login session may last in all, however active: use slides its expiry forward,
   * never past this many hours after the login. At least SESSION_TTL_HOURS.
   */
  @Transform(({ value }) => Number(value))
  @Min(1)
  @Max(24 * 365)
  @IsInt()
  @ValidateBy({
    name: 'atLeastSessionTtl',
    validator: {
      validate: (value, args) => typeof value === 'number' && value >= (args?.object as Environment).SESSION_TTL_HOURS,
      defaultMessage: () => 'SESSION_MAX_HOURS must be at least SESSION_TTL_HOURS',
    },
  })
  SESSION_MAX_HOURS = 24 * 7;

  /**
   * How often (ms) the worker deletes expired sessions and expired or revoked API tokens.
   * Default hourly; 0 turns the purge off.
   */
  @Transform(({ value }) => Number(value))
  @Min(0)
  @Max(31 * 86_400_000)
  @IsInt()
  CREDENTIAL_PURGE_EVERY_MS = 3_600_000;

  /** Send the session cookie only over HTTPS. Unset: on when NODE_ENV is production. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  COOKIE_SECURE?: boolean;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL?: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose';

  @IsOptional()
  @IsString()
  SMTP_URL?: string;

  /**
   * A demo install: the login page lists the seeded demo users (GET /api/demo/logins).
   * Never on a real install: it publishes who the demo users are and their password. Only
   * ever on when set: nothing turns it on from what the database holds.
   */
  @Transform(toStrictBoolean)
  @IsBoolean()
  DEMO_MODE = false;

  /**
   * Largest audit (in responses, after the subject choice) whose PDF report
   * GET /audits/:id/report.pdf renders while the caller waits; larger ones are queued.
   */
  @Transform(({ value }) => Number(value))
  @Min(1)
  @Max(1_000_000)
  @IsInt()
  REPORT_STREAM_MAX_RESPONSES = 200;

  /** Largest evidence file accepted, in bytes (2 GiB by default); above it the upload gets 413. */
  @Transform(({ value }) => Number(value))
  @Min(0)
  @IsInt()
  EVIDENCE_MAX_BYTES = 2 * 1024 ** 3;

  /**
   * How often (ms) the worker re-hashes every stored evidence file of every audit (daily by
   * default; 0 turns the scheduled sweep off, the on-demand checks still work).
   */
  @Transform(({ value }) => Number(value))
  @Min(0)
  @Max(31 * 86_400_000)
  @IsInt()
  EVIDENCE_INTEGRITY_SWEEP_EVERY_MS = 86_400_000;

  /** Where evidence bytes are kept: `local` (STORAGE_DIR) or `s3` (the S3_* variables). */
  @IsIn(['local', 's3'])
  STORAGE_DRIVER: 'local' | 's3' = 'local';

  /** Directory of the local storage driver (relative paths are from the working directory). */
  @IsString()
  @IsNotEmpty()
  STORAGE_DIR = '.data/storage';

  @ValidateIf((env: Environment) => env.STORAGE_DRIVER === 's3')
  @IsString()
  @IsNotEmpty()
  S3_BUCKET?: string;

  /** Endpoint of an S3-compatible service (MinIO, s3rver...); unset for AWS itself. */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  S3_ENDPOINT?: string;

  @IsString()
  S3_REGION = 'us-east-1';

  /** Unset: the AWS SDK's default credential chain (instance role, ~/.aws, AWS_* variables). */
  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  /** Path-style URLs (endpoint/bucket/key), which most S3-compatible servers need. */
  @Transform(toBoolean)
  @IsBoolean()
  S3_FORCE_PATH_STYLE = true;
  /**
   * Sender of the app's emails, `Name <address>` or a bare address. Unset: `AuditDesk
   * <no-reply@host>` on APP_URL's host (see mailFrom), a domain the install answers for, which
   * receiving servers check the sender against; `@localhost` is refused by most of them.
   */
  @IsOptional()
  @Matches(MAILBOX, { message: 'MAIL_FROM must be an address (name@example.com) or "Name <name@example.com>"' })
  MAIL_FROM?: string;

  /**
   * Key that signs the one-click unsubscribe links of reminder digests (HMAC-SHA256), shared by
   * the API (which checks them) and the worker (which writes them). Required in production:
   * whoever knows it can turn anyone's reminders off.
   */
  @ValidateIf((env: Environment) => env.NODE_ENV === 'production' || env.REMINDER_LINK_SECRET !== undefined)
  @IsString()
  @MinLength(32, { message: 'REMINDER_LINK_SECRET must be at least 32 characters (e.g. openssl rand -hex 32)' })
  REMINDER_LINK_SECRET?: string;

  /**
   * Overdue work is chased this many calendar days after the deadline's day, then the audit
   * gets no more reminders (0: they stop on the deadline's day).
   */
  @Transform(({ value }) => Number(value))
  @Min(0)
  @Max(3650)
  @IsInt()
  REMINDER_QUIET_AFTER_DAYS = 30;

  /** Start the clock at this instant (ISO 8601 with offset) and let it run: replays a case. */
  @IsOptional()
  @IsISO8601({ strict: true })
  CLOCK_START?: string;

  /** Attempts to send one reminder digest before it is marked FAILED. */
  @Transform(({ value }) => Number(value))
  @Min(1)
  @Max(20)
  @IsInt()
  REMINDER_ATTEMPTS = 5;

  /** First retry delay of a failed digest, doubled at each attempt (exponential backoff). */
  @Transform(({ value }) => Number(value))
  @Min(10)
  @Max(3_600_000)
  @IsInt()
  REMINDER_RETRY_DELAY_MS = 30_000;

  /** How often the worker's reconciler runs: it plans each person's next digest once one went out, and re-enqueues SCHEDULED reminders whose job is missing. */
  @Transform(({ value }) => Number(value))
  @Min(1000)
  @Max(86_400_000)
  @IsInt()
  REMINDER_RECONCILE_EVERY_MS = 60_000;

  /**
   * A digest send's lease: a digest still SENDING this long after it was claimed belongs to a
   * worker that stopped mid-send (a send takes seconds; the SMTP time-outs add up to under a
   * minute), and the reconciler settles it.
   */
  @Transform(({ value }) => Number(value))
  @Min(1000)
  @Max(3_600_000)
  @IsInt()
  REMINDER_SEND_LEASE_MS = 120_000;
}

export class InvalidEnvironmentError extends Error {}

/** Validates the raw environment once at start-up; the message lists every bad variable. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const env = plainToInstance(Environment, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false, stopAtFirstError: true });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new InvalidEnvironmentError(`Invalid environment variables:\n${lines.join('\n')}`);
  }
  return env;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;

/** Nest logger levels for LOG_LEVEL: that level and every more severe one (all when unset). */
export function logLevels(env: Environment): (typeof LOG_LEVELS)[number][] {
  return LOG_LEVELS.slice(0, env.LOG_LEVEL ? LOG_LEVELS.indexOf(env.LOG_LEVEL) + 1 : LOG_LEVELS.length);
}

/** MAIL_FROM, or `AuditDesk <no-reply@…>` on APP_URL's host when it is unset. */
export function mailFrom(env: Pick<Environment, 'MAIL_FROM' | 'APP_URL'>): string {
  return env.MAIL_FROM ?? `AuditDesk <no-reply@${new URL(env.APP_URL).hostname}>`;
}

/**
 * Development only: a fixed key when REMINDER_LINK_SECRET is unset (validation requires one in
 * production), so the links of a local install keep working across restarts.
 */
const DEVELOPMENT_LINK_SECRET = 'auditdesk-development-only-reminder-link-secret';

export function reminderLinkSecret(env: Pick<Environment, 'REMINDER_LINK_SECRET'>): string {
  return env.REMINDER_LINK_SECRET ?? DEVELOPMENT_LINK_SECRET;
}

const NAMED_PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address or CIDR range: `10.0.0.1`, `10.0.0.0/8`, `fd00::/8`. */
function isAddressOrRange(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY as Express's `trust proxy` setting: false, a hop count, or the list of trusted
 * proxies; undefined when the value is not one of those.
 */
export function parseTrustProxy(raw: string): false | number | string[] | undefined {
  const value = raw.trim().toLowerCase();
  if (['', 'false', 'off', 'no', '0'].includes(value)) return false;
  if (/^\d+$/.test(value)) return Number(value) <= 10 ? Number(value) : undefined;
  const entries = value.split(',').map((e) => e.trim());
  return entries.every((e) => NAMED_PROXY_RANGES.has(e) || isAddressOrRange(e)) ? entries : undefined;
}

/** The validated TRUST_PROXY, for `app.set('trust proxy', ...)`. */
export function trustProxySetting(env: Pick<Environment, 'TRUST_PROXY'>): false | number | string[] {
  return parseTrustProxy(env.TRUST_PROXY) ?? false;
}

let loaded: Environment | undefined;

/**
 * The validated environment of this process, validated on first use. Entry points call it
 * before building the app, so a bad variable stops start-up with a readable message.
 */
export function loadEnvironment(): Environment {
  return (loaded ??= validateEnvironment(process.env));
}
