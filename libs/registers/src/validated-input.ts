/**
 * Inputs that the HTTP ValidationPipe has already checked and converted. A controller marks its
 * body so that the service it calls does not run the same class-validator rules a second time;
 * anything not marked (jobs, the CLI, tests, other modules) is validated by the service.
 * Module-internal: not exported from the library.
 */
const validated = new WeakSet<object>();

/** Marks `input` as checked by the pipe when it is the DTO instance the pipe produces. */
export function markValidated<T extends object>(input: T, type: abstract new () => T): T {
  // Only the ValidationPipe (transform: true) turns a body into an instance of its DTO.
  if (input instanceof type) validated.add(input);
  return input;
}

export function isValidated(input: object): boolean {
  return validated.has(input);
}
