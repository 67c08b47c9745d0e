import { ValidationPipe } from '@nestjs/common';
import { ApiException } from './api-error.js';
import { toErrorDetails } from './validation-messages.js';

/**
 * The one validation pipe: unknown fields are refused (not silently dropped), values are
 * converted to the DTO's types, and every failure names the field and the rule in Thai
 * and English.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => {
      const details = toErrorDetails(errors);
      const summary = details.map((d) => d.message_en).join('; ');
      return new ApiException(400, `Invalid request: ${summary}`, details);
    },
  });
}
