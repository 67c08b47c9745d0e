/** The e-mail version of a notification, when it should differ from the in-app text. */
export interface NotifyEmailContent {
  subjectTh: string;
  textTh: string;
  htmlTh?: string;
}

/**
 * What a feature hands `NotificationCenter.notify()`. Thai digits, Buddhist Era dates, the
 * letter's number and deadline are the caller's text: the channels send it as given.
 */
export interface NotifyInput {
  /**
   * Unique and deterministic, derived from the fact notified (`delivery-sent-<deliveryId>`):
   * a second notify with the same key does nothing. Letters, digits, `.`, `_` and `-`.
   */
  key: string;
  organisationId: number;
  /** One person of the organisation; null or absent: the organisation itself. */
  userId?: string | null;
  /** `circular_received`, `report_done`, `deadline_reminder`, … (at most 48 characters). */
  kind: string;
  titleTh: string;
  bodyTh: string;
  /** A path into wian (`/circulars/<id>`); e-mails and webhooks get PUBLIC_BASE_URL + path. */
  link?: string | null;
  email?: NotifyEmailContent;
}
