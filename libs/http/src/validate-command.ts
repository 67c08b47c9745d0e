import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import { ApiException } from './api-error.js';
import { toErrorDetails } from './validation-messages.js';

/**
 * Validates a use case's input with the same class-validator rules and Thai/English messages
 * as the HTTP pipe, so jobs, the CLI and tests calling a service directly get the same checks.
 * An instance that already passed the pipe is re-checked cheaply.
 */
export async function validateCommand<T extends object>(
  type: ClassConstructor<T>,
  input: T | object,
): Promise<T> {
  const command = input instanceof type ? input : plainToInstance(type, input);
  const errors = await validate(command, {
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: true, value: false },
  });
  if (errors.length > 0) {
    const details = toErrorDetails(errors);
    throw new ApiException(
      400,
      `Invalid request: ${details.map((d) => d.message_en).join('; ')}`,
      details,
    );
  }
  return command;
}
