import { redactRedisUrl } from './redis-connection.js';

/** Redis did not answer at start: wian cannot schedule reminders or deadlines without it. */
export class RedisUnavailableError extends Error {
  constructor(url: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      [
        `wian cannot start: Redis is not reachable at ${redactRedisUrl(url)} (${reason}).`,
        'wian needs Redis for its queues (reminders, deadlines, escalations). Start one:',
        '  - with Docker:            docker compose up -d redis',
        '  - on Debian/Ubuntu:       sudo apt-get install redis-server && sudo systemctl start redis-server',
        '  - without a service:      redis-server --daemonize yes',
        'or point REDIS_URL at a running Redis (see config/.env.example).',
      ].join('\n'),
    );
    this.name = 'RedisUnavailableError';
  }
}
