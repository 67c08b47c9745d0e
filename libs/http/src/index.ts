export { ApiException, reasonPhrase } from './api-error.js';
export type { ApiErrorBody, ApiErrorDetail } from './api-error.js';
export { ApiExceptionFilter } from './api-exception.filter.js';
export { configureHttpApp } from './configure-http-app.js';
export { LoggingModule, requestId } from './logging.module.js';
export { buildOpenApiDocument, setupSwagger } from './swagger.setup.js';
export { ruleDetail, thaiFormatDetail, toErrorDetails } from './validation-messages.js';
export { IntegerIdPipe } from './integer-id.pipe.js';
export { createValidationPipe } from './validation.pipe.js';
export { Authenticated, Authorize, Public, ROUTE_SECURITY } from './route-security.js';
export type { ResourceSpec, RouteSecurity } from './route-security.js';
export { RequestContext } from './request-context.js';
export type { RequestContextData } from './request-context.js';
export { RejectNulPipe } from './reject-nul.pipe.js';
export { validateCommand } from './validate-command.js';
export {
  CleanText,
  SearchText,
  ThaiInteger,
  ThaiIntegerList,
  Trimmed,
  PG_INTEGER_MAX,
  PG_INTEGER_MIN,
  readThaiInteger,
} from './input-transforms.js';
export type { IntegerBounds } from './input-transforms.js';
export { PageQuery } from './page-query.dto.js';
