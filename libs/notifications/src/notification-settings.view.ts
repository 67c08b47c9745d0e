import { ApiProperty } from '@nestjs/swagger';

/** An organisation's channels as the API shows them: never the webhook secret. */
export class NotificationSettingsView {
  @ApiProperty({ example: 4964 })
  organisationId!: number;

  @ApiProperty()
  emailEnabled!: boolean;

  @ApiProperty({ example: ['saraban@example.go.th'], description: 'Where e-mails go' })
  emailAddresses!: string[];

  /** False while SMTP_URL is empty: e-mails would not go out whatever is set here. */
  @ApiProperty({
    description: 'False while SMTP_URL is empty: e-mails would not go out whatever is set here',
  })
  emailAvailable!: boolean;

  @ApiProperty()
  webhookEnabled!: boolean;

  @ApiProperty({ nullable: true, type: String, format: 'uri' })
  webhookUrl!: string | null;

  /** Whether a secret exists, and since when; the secret itself is shown once. */
  @ApiProperty({ description: 'Whether a webhook secret exists (it is shown only once)' })
  webhookSecretSet!: boolean;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  webhookSecretCreatedAt!: Date | null;

  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'null: never set',
  })
  updatedAt!: Date | null;
}

/** The answer that creates a webhook secret: the only time it is shown. */
export class NotificationSettingsWithSecret extends NotificationSettingsView {
  @ApiProperty({
    description: 'Signs every webhook call (X-Wian-Signature); shown only in this answer',
  })
  webhookSecret!: string;
}

/** The answer to setting the channels: with the secret when this change created it. */
export class UpdatedNotificationSettings extends NotificationSettingsView {
  @ApiProperty({
    required: false,
    description:
      'Present only when this change set a webhook URL while no secret existed, which creates one; shown only here',
  })
  webhookSecret?: string;
}
