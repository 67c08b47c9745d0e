/** An organisation's channels as the API shows them: never the webhook secret. */
export interface NotificationSettingsView {
  organisationId: number;
  emailEnabled: boolean;
  emailAddresses: string[];
  /** False while SMTP_URL is empty: e-mails would not go out whatever is set here. */
  emailAvailable: boolean;
  webhookEnabled: boolean;
  webhookUrl: string | null;
  /** Whether a secret exists, and since when; the secret itself is shown once. */
  webhookSecretSet: boolean;
  webhookSecretCreatedAt: Date | null;
  updatedAt: Date | null;
}

/** The answer that creates a webhook secret: the only time it is shown. */
export type NotificationSettingsWithSecret = NotificationSettingsView & {
  webhookSecret: string;
};
