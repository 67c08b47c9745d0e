import { ApiException } from '@wian/http';
import { toThaiDigits } from '@wian/thai';
import { DOCUMENT_PART_LIMITS, DocumentInput } from './document-input.dto.js';

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

/** What a caller may add to a letter after validating it: parts of letters already stored. */
export type StoredLetterParts = Partial<
  Pick<DocumentInput, 'deadline' | 'references' | 'enclosures'>
>;

/**
 * A letter that its caller validated as a field of its own command (a circular's `document`,
 * checked by validateCommand with the command, its errors naming `document.…`), marked so that
 * DispatchService does not run the same rules again: for a national forward that second pass
 * was a tenth of the process's CPU. `document` must be the DocumentInput instance that
 * validation produced; the result is a copy with `added` in place, parts that come from letters
 * already stored (a parent letter's reference, enclosures and deadline), so only the whole's
 * limits are checked here.
 *
 * @throws ApiException 400 naming `<field>.references` or `<field>.enclosures` (rule
 *   arrayMaxSize) when the added parts take the letter over a limit; TypeError for anything
 *   but a DocumentInput instance.
 */
export function validatedLetter(
  document: DocumentInput,
  added: StoredLetterParts = {},
  field = 'document',
): DocumentInput {
  if (!(document instanceof DocumentInput)) {
    throw new TypeError('validatedLetter(): the DocumentInput instance that validation produced');
  }
  const letter = Object.assign(Object.create(DocumentInput.prototype) as DocumentInput, document);
  for (const [key, value] of Object.entries(added)) {
    if (value !== undefined) Object.assign(letter, { [key]: value });
  }
  for (const part of ['references', 'enclosures'] as const) {
    const limit = DOCUMENT_PART_LIMITS[part];
    const count = letter[part]?.length ?? 0;
    if (count > limit) {
      const th = part === 'references' ? 'หนังสือที่อ้างถึง' : 'สิ่งที่ส่งมาด้วย';
      throw ApiException.badRequest({
        field: `${field}.${part}`,
        rule: 'arrayMaxSize',
        message_th: `${th}รวมกับของหนังสือที่ได้รับต้องมีไม่เกิน ${toThaiDigits(limit)} รายการ (มี ${toThaiDigits(count)} รายการ)`,
        message_en: `${part}, with those carried from the received letter, must contain at most ${limit} items (${count} given)`,
      });
    }
  }
  return markValidated(letter, DocumentInput);
}
