import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, Length, MaxLength, ValidateIf } from 'class-validator';
import { IsOmittable, Trim, type Uuid, VersionedUpdateDto } from '#core';
import { WEBHOOK_EVENT_TYPES, type WebhookDisabledReason, type WebhookEventType } from '../entities/webhook-endpoint.entity.js';
import { WEBHOOK_URL_MAX_LENGTH } from './webhook-url.js';

const DESCRIPTION_MAX_LENGTH = 200;

const URL_DESCRIPTION =
  'Where events are POSTed: http(s), no user name or password in it. In production not a loopback, private, link-local or metadata address (by IP literal or `localhost`)';
const EVENTS_DESCRIPTION = 'The events to receive, at least one, each once';

export class CreateWebhookEndpointDto {
  @ApiProperty({ example: 'https://hooks.example.edu/campus-care', maxLength: WEBHOOK_URL_MAX_LENGTH, description: URL_DESCRIPTION })
  @IsString()
  @MaxLength(WEBHOOK_URL_MAX_LENGTH)
  url: string;

  @ApiPropertyOptional({ type: String, nullable: true, minLength: 1, maxLength: DESCRIPTION_MAX_LENGTH, example: '值班群机器人 / duty chat bot' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, DESCRIPTION_MAX_LENGTH)
  description?: string | null;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, enumName: 'WebhookEventType', isArray: true, minItems: 1, maxItems: WEBHOOK_EVENT_TYPES.length, uniqueItems: true, description: EVENTS_DESCRIPTION })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events: WebhookEventType[];
}

export class UpdateWebhookEndpointDto extends VersionedUpdateDto {
  @ApiPropertyOptional({ maxLength: WEBHOOK_URL_MAX_LENGTH, description: URL_DESCRIPTION })
  @IsOmittable()
  @IsString()
  @MaxLength(WEBHOOK_URL_MAX_LENGTH)
  url?: string;

  @ApiPropertyOptional({ type: String, nullable: true, minLength: 1, maxLength: DESCRIPTION_MAX_LENGTH, description: 'null removes it' })
  @IsOptional()
  @Trim()
  @ValidateIf((_o: object, value: unknown) => value !== null)
  @IsString()
  @Length(1, DESCRIPTION_MAX_LENGTH)
  description?: string | null;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES, enumName: 'WebhookEventType', isArray: true, minItems: 1, maxItems: WEBHOOK_EVENT_TYPES.length, uniqueItems: true, description: EVENTS_DESCRIPTION })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events?: WebhookEventType[];

  @ApiPropertyOptional({ description: 'false switches the endpoint off; true switches it on again and starts the failure count anew' })
  @IsOmittable()
  @IsBoolean()
  enabled?: boolean;
}

export interface WebhookEndpointView {
  id: Uuid;
  url: string;
  description: string | null;
  events: WebhookEventType[];
  /** Off: nothing is sent to it, and messages already queued for it fail (`endpoint_disabled`). */
  enabled: boolean;
  /** Messages given up on since the last delivered one; at 3 the endpoint is switched off. */
  consecutiveFailures: number;
  disabledAt: Date | null;
  /** `delivery_failures`: switched off after 3 messages in a row could not be delivered; `administrator`: by hand. */
  disabledReason: WebhookDisabledReason | null;
  createdBy: Uuid;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** The endpoint with its signing secret, answered once: when registered, and when the secret is rotated. */
export interface WebhookEndpointWithSecret extends WebhookEndpointView {
  /** `whsec_` and the base64 of 32 random bytes: verify deliveries with it (Standard Webhooks). Not shown again. */
  secret: string;
}

/** A `webhook.test` event queued for one endpoint. */
export interface WebhookTestQueued {
  webhookId: Uuid;
  /** The delivery's `webhook-id` header, the same on every retry. */
  messageId: Uuid;
  type: 'webhook.test';
  queuedAt: Date;
}
