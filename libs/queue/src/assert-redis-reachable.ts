import { createRedis } from './redis-connection.js';
import { RedisUnavailableError } from './redis-unavailable.error.js';

/** PINGs Redis once with a short timeout; throws {@link RedisUnavailableError} otherwise. */
export async function assertRedisReachable(url: string, timeoutMs = 3_000): Promise<void> {
  const client = createRedis(url, 'producer', 'wian-startup-check');
  client.options.retryStrategy = () => null; // one attempt: report the real reason (ECONNREFUSED…)
  let firstError: Error | undefined; // the socket's own reason (ECONNREFUSED, ENOTFOUND…)
  client.on('error', (error: Error) => {
    firstError ??= error;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect().then(() => client.ping()),
      new Promise((_, reject) => {
        timer = setTimeout(() => {
          reject(new Error(`no answer within ${timeoutMs} ms`));
        }, timeoutMs);
      }),
    ]);
  } catch (error) {
    throw new RedisUnavailableError(url, firstError ?? error);
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}
