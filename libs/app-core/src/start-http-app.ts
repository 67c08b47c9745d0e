import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, loadConfig } from '@wian/config';
import { ApiExceptionFilter, configureHttpApp } from '@wian/http';
import { assertRedisReachable } from '@wian/queue';
import { Logger } from 'nestjs-pino';

export interface StartOptions {
  /** Port to listen on (default: PORT). */
  port?: (config: AppConfig) => number;
  /** Serve Swagger, validation and the error shape (the API); off for a bare health server. */
  api?: boolean;
}

/**
 * Boots a wian process that listens on HTTP. Configuration and Redis are checked before
 * anything else starts, so a bad variable or a missing Redis ends the process with a
 * message that says what to do instead of a stack trace.
 */
export async function startHttpApp(
  module: Type,
  options: StartOptions = {},
): Promise<INestApplication> {
  const config = loadConfig();
  await assertRedisReachable(config.REDIS_URL);
  const app = await NestFactory.create<NestExpressApplication>(module, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  if (options.api === false) {
    app.useGlobalFilters(new ApiExceptionFilter());
    app.enableShutdownHooks();
  } else {
    configureHttpApp(app, app.get(AppConfig));
  }
  const port = options.port?.(config) ?? config.PORT;
  await app.listen(port, config.HOST);
  const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  const what = options.api === false ? 'health at /health' : 'API docs at /docs';
  app.get(Logger).log(`wian is listening on http://${host}:${port} (${what})`);
  return app;
}

/** Prints a start-up failure for a person (no stack for the expected ones) and exits. */
export function exitOnStartupError(error: unknown): never {
  const expected =
    error instanceof Error &&
    ['ConfigError', 'RedisUnavailableError', 'PgliteInUseError'].includes(error.name);
  process.stderr.write(`${expected ? error.message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
}
