import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value;
};

const toInteger = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string' || value.trim() === '') return value;
  return /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
};

const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

export const NODE_ENVIRONMENTS = ['development', 'production', 'test'] as const;
export type NodeEnvironment = (typeof NODE_ENVIRONMENTS)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Every setting wian reads from the environment, validated once at boot.
 * Property names are the environment variable names so errors name the variable.
 */
export class AppConfig {
  @IsIn(NODE_ENVIRONMENTS)
  NODE_ENV!: NodeEnvironment;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT!: number;

  @IsString()
  @MinLength(1)
  HOST!: string;

  /** Port of the worker's own health endpoint when it runs as a separate process. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(65535)
  WORKER_HEALTH_PORT!: number;

  /** PostgreSQL connection string; when absent wian uses embedded PGlite. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE!: number;

  /**
   * How long an unused PostgreSQL connection stays open, in seconds (0: until the process ends).
   * A new connection's first statements plan and run several times slower than on one that has
   * served them before, so a clerk acting after a quiet moment should find one open.
   */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(86400)
  DATABASE_POOL_IDLE_SECONDS!: number;

  /** Folder of the embedded PGlite database, or memory:// for a throwaway one. */
  @IsString()
  @MinLength(1)
  PGLITE_DATA_DIR!: string;

  @Transform(toBoolean)
  @IsBoolean()
  DATABASE_MIGRATE_ON_START!: boolean;

  @Transform(toBoolean)
  @IsBoolean()
  HIERARCHY_SEED_ON_START!: boolean;

  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL!: string;

  /** Prefix of every BullMQ key, so several deployments can share one Redis. */
  @Matches(/^[a-z][a-z0-9_-]{0,30}$/, {
    message: 'must be lowercase letters, digits, - or _ (at most 31), starting with a letter',
  })
  QUEUE_PREFIX!: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL!: LogLevel;

  /** Human-readable logs: true, false, or auto (when the output is a terminal). */
  @IsIn(['true', 'false', 'auto'])
  LOG_PRETTY!: 'true' | 'false' | 'auto';

  @Matches(/^\d+(kb|mb)$/i, { message: 'must be a size such as 512kb or 1mb' })
  HTTP_BODY_LIMIT!: string;

  /**
   * Signs access tokens (HS256). Required in production; in development and tests a random
   * one is made at start (sessions then end when the process restarts).
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @MinLength(32, { message: 'must be at least 32 characters (use: openssl rand -base64 48)' })
  JWT_SECRET?: string;

  @Transform(toInteger)
  @IsInt()
  @Min(60)
  @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS!: number;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(90)
  REFRESH_TOKEN_TTL_DAYS!: number;

  /** Failed sign-ins in a row before an account is locked for LOGIN_LOCK_MINUTES. */
  @Transform(toInteger)
  @IsInt()
  @Min(3)
  @Max(20)
  LOGIN_MAX_FAILURES!: number;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1440)
  LOGIN_LOCK_MINUTES!: number;

  /** Sign-in and token-refresh requests allowed per client address per minute. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(100000)
  AUTH_RATE_LIMIT_PER_MINUTE!: number;

  /** Largest uploaded file (enclosures, PDFs to stamp), in bytes. */
  @Transform(toInteger)
  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  FILE_MAX_BYTES!: number;

  /** Folder where uploaded files are kept (local disk). */
  @IsString()
  @MinLength(1)
  STORAGE_DIR!: string;

  /** Comma-separated origins allowed by CORS; empty keeps CORS off. */
  @IsString()
  CORS_ORIGINS!: string;

  /** Default reminders: working days before the deadline, comma-separated ("3,1,0"). */
  @Matches(/^\d{1,2}(,\d{1,2}){0,9}$|^$/, {
    message:
      'must be working-day counts separated by commas, such as 3,1,0 (or empty: no reminders)',
  })
  REMINDER_WORKING_DAYS_BEFORE!: string;

  /** Time of day (Asia/Bangkok) reminders go out, HH:MM. */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time HH:MM such as 08:30' })
  REMINDER_TIME!: string;

  /**
   * When office hours end (Asia/Bangkok), HH:MM: a deadline written as a date ends then, and
   * "within N working days" ends then on the Nth working day.
   */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time HH:MM such as 16:30' })
  OFFICE_HOURS_END!: string;

  /** Working days after a missed deadline before a still-open delivery escalates a level. */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(30)
  ESCALATION_GRACE_WORKING_DAYS!: number;

  /**
   * How long a worker's lock on a running job lasts (renewed while it runs). A worker that dies
   * (SIGKILL, power loss) leaves its job to the others after about this long.
   */
  @Transform(toInteger)
  @IsInt()
  @Min(2)
  @Max(600)
  QUEUE_LOCK_SECONDS!: number;

  /**
   * Days a published outbox row is kept (for tracing a job back to the transaction that wrote
   * it) before the worker deletes it; 0 keeps them forever. Unpublished rows are never deleted.
   */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(3650)
  OUTBOX_RETENTION_DAYS!: number;

  /** How often the worker re-creates missing deadline jobs from the database, in seconds. */
  @Transform(toInteger)
  @IsInt()
  @Min(5)
  @Max(3600)
  RECONCILE_INTERVAL_SECONDS!: number;

  /** Where people reach wian: links in e-mails and webhooks are built on it. */
  @Matches(/^https?:\/\/[^\s/]+(\/\S*)?$/, {
    message: 'must be an http:// or https:// URL such as https://wian.example.go.th',
  })
  PUBLIC_BASE_URL!: string;

  /** SMTP server for e-mail notifications (smtp:// or smtps://); empty = e-mail disabled. */
  @Matches(/^$|^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL, or empty' })
  SMTP_URL!: string;

  /** The From of notification e-mails. */
  @IsString()
  @MinLength(3)
  MAIL_FROM!: string;

  /** How long a webhook receiver may take to answer, in milliseconds. */
  @Transform(toInteger)
  @IsInt()
  @Min(500)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS!: number;

  get usesEmbeddedDatabase(): boolean {
    return this.DATABASE_URL === undefined;
  }

  get databaseEngine(): 'postgres' | 'pglite' {
    return this.usesEmbeddedDatabase ? 'pglite' : 'postgres';
  }

  get logPretty(): boolean {
    return this.LOG_PRETTY === 'auto' ? process.stdout.isTTY : this.LOG_PRETTY === 'true';
  }

  get reminderWorkingDaysBefore(): number[] {
    return this.REMINDER_WORKING_DAYS_BEFORE.split(',')
      .filter((d) => d !== '')
      .map(Number);
  }

  get corsOrigins(): string[] {
    return this.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter((o) => o.length > 0);
  }
}
