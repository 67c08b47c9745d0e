export { ApiException, reasonPhrase } from './api-error.js';
export type { ApiErrorBody, ApiErrorDetail } from './api-error.js';
export { ApiExceptionFilter } from './api-exception.filter.js';
export { configureHttpApp } from './configure-http-app.js';
export { LoggingModule, requestId } from './logging.module.js';
export { buildOpenApiDocument, setupSwagger } from './swagger.setup.js';
export { toErrorDetails } from './validation-messages.js';
export { createValidationPipe } from './validation.pipe.js';
