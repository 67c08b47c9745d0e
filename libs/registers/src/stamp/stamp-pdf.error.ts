/**
 * Thrown by `stampPdfFirstPage` when the input cannot be stamped (not a PDF, encrypted,
 * no pages, position off the page). `message` is the English text.
 */
export class StampPdfError extends Error {
  override readonly name = 'StampPdfError';
  /** What went wrong, in Thai (shown to clerks). */
  readonly messageTh: string;
  /** What went wrong, in English (also `Error.message`). */
  readonly messageEn: string;

  constructor(messageTh: string, messageEn: string, options?: { cause?: unknown }) {
    super(messageEn, options);
    this.messageTh = messageTh;
    this.messageEn = messageEn;
  }
}
