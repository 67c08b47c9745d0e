import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig } from '@wian/config';
import { createTransport } from 'nodemailer';
import {
  ChannelUnavailable,
  type OutboundChannel,
  type OutboundMessage,
} from './outbound-channel.js';

type Transporter = ReturnType<typeof createTransport>;

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * E-mail over SMTP (nodemailer), UTF-8 so Thai subjects and bodies arrive intact. One
 * message per address; its Message-ID is the delivery-log row's, so a mail system that saw
 * a message before can tell a repeat. SMTP_URL empty = e-mail is off (said once in the log).
 */
@Injectable()
export class EmailChannel
  implements OutboundChannel, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(EmailChannel.name);
  private transporter: Transporter | null = null;

  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.SMTP_URL !== '';
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) this.logger.warn('e-mail notifications are disabled: SMTP_URL is empty');
  }

  async send(message: OutboundMessage): Promise<void> {
    const { notification: n, settings, link } = message;
    if (!this.enabled) throw new ChannelUnavailable('e-mail is disabled (SMTP_URL is empty)');
    if (!settings.emailEnabled || !settings.emailAddresses.includes(message.target))
      throw new ChannelUnavailable('the organisation no longer sends e-mail to this address');
    const subject = n.emailSubjectTh ?? n.titleTh;
    const text = n.emailTextTh ?? `${n.titleTh}\n\n${n.bodyTh}`;
    const linkText = link === null ? '' : `\n\nเปิดในระบบเวียน: ${link}\n`;
    const linkHtml =
      link === null
        ? ''
        : `<p><a href="${escapeHtml(link)}">เปิดในระบบเวียน</a> ${escapeHtml(link)}</p>`;
    const domain = /@([^>\s]+)/.exec(this.config.MAIL_FROM)?.[1] ?? 'wian.local';
    await this.transport().sendMail({
      from: this.config.MAIL_FROM,
      to: message.target,
      subject,
      text: `${text}${linkText}`,
      ...(n.emailHtmlTh === null ? {} : { html: `${n.emailHtmlTh}${linkHtml}` }),
      messageId: `<${message.deliveryId}@${domain}>`,
      headers: { 'X-Wian-Notification': n.notificationKey },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.transporter?.close();
    this.transporter = null;
    return Promise.resolve();
  }

  private transport(): Transporter {
    this.transporter ??= createTransport({
      url: this.config.SMTP_URL,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    return this.transporter;
  }
}
