import { createTransport, type Transporter } from 'nodemailer';
import type { MessageChannel, OutgoingMessage } from './message-channel.js';

/**
 * Email over SMTP with nodemailer: plain text plus HTML, in UTF-8. The outbox row's id is the
 * Message-ID, so a receiver (or a person) can tell a resend from a second message. `smtps://`
 * speaks TLS from the start; `smtp://` upgrades with STARTTLS when offered, and must with
 * `?requireTLS=true`. The server's certificate is always checked (against `ca` when given).
 */
export class EmailChannel implements MessageChannel {
  readonly channel = 'email' as const;
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    ca?: string,
  ) {
    this.transport = createTransport({
      url: smtpUrl,
      ...(ca ? { tls: { ca } } : {}),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
  }

  async send(message: OutgoingMessage): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: message.address,
      subject: message.content.subject,
      text: message.content.text,
      html: message.content.html,
      messageId: `<${message.id}@campus-care>`,
      headers: { 'X-Campus-Care-Kind': message.kind },
    });
  }
}
