/**
 * What a {@link ThaiFormatError} carries: a machine-readable rule code, the
 * explanation in Thai and in English, and an example of the accepted form.
 */
export interface ThaiFormatErrorDetails {
  /** Machine code of the rule that was broken, e.g. `'thai_date'`, `'document_number'`. */
  readonly rule: string;
  /** What was wrong, in Thai (shown to clerks). */
  readonly messageTh: string;
  /** What was wrong, in English (also used as `Error.message`). */
  readonly messageEn: string;
  /** An example of what is accepted, e.g. `'๒๗ กุมภาพันธ์ ๒๕๖๖ or 27 ก.พ. 2566'`. */
  readonly acceptedForm: string;
  /** The same in Thai text (Thai words and digits), e.g. `'๒๗ กุมภาพันธ์ ๒๕๖๖ หรือ ๒๗ ก.พ. ๒๕๖๖'`. */
  readonly acceptedFormTh: string;
}

/**
 * Thrown whenever Thai-convention input (dates, times, document numbers,
 * urgency and secrecy labels, years) cannot be read, or a structured value
 * cannot be rendered because it breaks a rule. `message` is the English text.
 */
export class ThaiFormatError extends Error {
  override readonly name = 'ThaiFormatError';
  readonly rule: string;
  readonly messageTh: string;
  readonly messageEn: string;
  readonly acceptedForm: string;
  readonly acceptedFormTh: string;

  constructor(details: ThaiFormatErrorDetails) {
    super(details.messageEn);
    this.rule = details.rule;
    this.messageTh = details.messageTh;
    this.messageEn = details.messageEn;
    this.acceptedForm = details.acceptedForm;
    this.acceptedFormTh = details.acceptedFormTh;
  }
}

/**
 * Shortens user input for quoting inside an error message, so a pasted
 * paragraph does not end up in a log line in full.
 */
export function quoteInput(input: string, maxLength = 60): string {
  const shown = input.length > maxLength ? `${input.slice(0, maxLength)}…` : input;
  return `"${shown}"`;
}
