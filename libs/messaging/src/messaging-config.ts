import { IsIn, IsOptional, IsString, IsUrl, Matches } from 'class-validator';

/** Where messages leave the system. A channel without its settings is off: nothing is queued for it. */
export class MessagingConfig {
  /** In production, webhook endpoints may not point at loopback, private, link-local or metadata addresses. */
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /**
   * `smtp://user:pass@host:587` upgrades with STARTTLS when the server offers it (add
   * `?requireTLS=true` to insist), `smtps://...:465` speaks TLS from the start.
   */
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /**
   * A PEM file of the certificate authority the mail server's certificate is checked against,
   * for a school relay with a private CA; unset: the system's trusted authorities.
   */
  @IsOptional()
  @IsString()
  SMTP_CA_FILE?: string;

  /** The sender of every email, e.g. `"校园心理 campus-care" <care@school.example>`. */
  @IsString()
  MAIL_FROM = 'campus-care <campus-care@localhost>';

  /** The school's SMS relay: one signed JSON POST per message (see the README, "Reaching people"). */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'SMS_GATEWAY_URL must be an http:// or https:// URL' })
  SMS_GATEWAY_URL?: string;

  /** The HMAC key the relay checks signatures with (`whsec_...` or any long secret). */
  @IsOptional()
  @IsString()
  SMS_GATEWAY_KEY?: string;

  /** Where the links in messages lead: the address staff reach this server at (validated alike by the survey settings). */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'PUBLIC_BASE_URL must be an http(s) URL' })
  PUBLIC_BASE_URL?: string;

  /** The origin of links in messages: PUBLIC_BASE_URL's, else the development server's own. */
  publicOrigin(): string {
    return this.PUBLIC_BASE_URL ? new URL(this.PUBLIC_BASE_URL).origin : 'http://127.0.0.1:3000';
  }

  emailConfigured(): boolean {
    return Boolean(this.SMTP_URL);
  }

  production(): boolean {
    return this.NODE_ENV === 'production';
  }

  smsConfigured(): boolean {
    return Boolean(this.SMS_GATEWAY_URL && this.SMS_GATEWAY_KEY);
  }
}
