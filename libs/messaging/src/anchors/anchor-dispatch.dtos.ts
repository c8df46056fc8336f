import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { Trim, type Uuid } from '#core';
import type { AuditAnchorView } from '#audit';

export class CreateAnchorRecipientDto {
  @ApiProperty({ format: 'email', maxLength: 254, example: 'anquan@jyj.example.gov.cn' })
  @Trim()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 1, maxLength: 100, example: '区教育局安全科', description: 'Who it is' })
  @Trim()
  @IsString()
  @Length(1, 100)
  label: string;
}

export interface AnchorRecipientView {
  id: Uuid;
  email: string;
  label: string;
  createdBy: Uuid;
  createdAt: Date;
}

export interface AnchorDispatchView {
  id: Uuid;
  /** `holiday:<id>` (the day before a holiday), `term_end:<id>` (the week after a term ends) or `manual:<id>`. */
  occasion: string;
  /** The anchored audit entry's sequence number (a bigint, as a decimal string). */
  anchorSeq: string;
  /** Emails queued to the recipients. */
  emails: number;
  /** Webhook deliveries queued (endpoints subscribed to `audit.anchor`). */
  webhooks: number;
  dispatchedAt: Date;
  /** Who asked for it; null when the schedule sent it. */
  requestedBy: Uuid | null;
}

/** The anchor as sent, with where it went. */
export interface AnchorDispatchSent extends AnchorDispatchView {
  anchor: AuditAnchorView;
}
