import type { IncomingMessage, ServerResponse } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@wian/config';
import helmet from 'helmet';
import { ApiExceptionFilter } from './api-exception.filter.js';
import { requestId } from './logging.module.js';
import { RejectNulPipe } from './reject-nul.pipe.js';
import { RequestContext } from './request-context.js';
import { setupSwagger } from './swagger.setup.js';
import { createValidationPipe } from './validation.pipe.js';

/**
 * Everything an HTTP entry point needs, in one place so the API app, the single-process app
 * and the e2e tests run the same stack: security headers, body limits, CORS (off unless
 * configured), validation, the error shape and the OpenAPI document.
 */
export function configureHttpApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  express.set('trust proxy', 'loopback');
  // First of all: the request's id and address travel with it (logs, audit rows).
  app.use(
    (
      req: IncomingMessage & { id?: string; ip?: string },
      res: ServerResponse,
      next: () => void,
    ) => {
      req.id = requestId(req, res);
      RequestContext.run({ requestId: req.id, ip: req.ip }, next);
    },
  );
  express.useBodyParser('json', { limit: config.HTTP_BODY_LIMIT });
  express.useBodyParser('urlencoded', { limit: config.HTTP_BODY_LIMIT, extended: false });
  // Files arrive as the raw request body (PDF to stamp, enclosures), up to FILE_MAX_BYTES.
  express.useBodyParser('raw', {
    limit: config.FILE_MAX_BYTES,
    type: (req: IncomingMessage) =>
      !/json|urlencoded|multipart/i.test(req.headers['content-type'] ?? 'json'),
  });
  // Swagger UI needs inline styles and scripts; the API itself serves JSON only.
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'", "'unsafe-inline'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
        },
      },
    }),
  );
  const origins = config.corsOrigins;
  if (origins.length > 0) app.enableCors({ origin: origins, credentials: true });
  app.useGlobalPipes(new RejectNulPipe(), createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.enableShutdownHooks();
  setupSwagger(app);
}
