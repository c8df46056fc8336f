import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsDateString } from 'class-validator';
import type { DataSource } from 'typeorm';
import { validationProblem } from '#core';
import type { Caller } from '#access';
import type { Channel } from '../entities/outbound-message.entity.js';

export class DeliveryReportQuery {
  @ApiProperty({ format: 'date-time', description: 'Messages queued at or after (ISO 8601 with offset)' })
  @IsDateString({ strict: true })
  from: string;

  @ApiProperty({ format: 'date-time', description: 'Messages queued before (ISO 8601 with offset); after `from`' })
  @IsDateString({ strict: true })
  to: string;
}

export interface ChannelDeliveryStats {
  channel: Channel;
  /** Messages queued in the period. */
  queued: number;
  sent: number;
  /** Given up on after their last attempt. */
  dead: number;
  /** Neither sent nor given up on yet (waiting for a retry, or for the end of quiet hours). */
  pending: number;
  /** Failed attempts, of any message of the period. */
  failedAttempts: number;
  /** Messages that needed more than one attempt. */
  retried: number;
  /** Seconds from an alert being raised to its message being delivered, over the alerts' sent messages; null when none. */
  medianSecondsAlertToDelivery: number | null;
  /** Seconds from raising to acknowledgement, over the acknowledged alerts that had a message on this channel; null when none. */
  medianSecondsAlertToAcknowledgement: number | null;
}

export interface DeliveryReport {
  from: string;
  to: string;
  /** Email, SMS, webhook, in that order; a channel without messages has zero counts. */
  channels: ChannelDeliveryStats[];
}

/** How well messages reach people, per channel: counts and timings only, never an address or a text. Three grouped scans. */
@Injectable()
export class DeliveryReportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async perChannel(caller: Caller, query: DeliveryReportQuery): Promise<DeliveryReport> {
    if (Date.parse(query.from) >= Date.parse(query.to)) throw validationProblem([{ field: 'from', message: 'must be before to' }]);
    const channels = await this.dataSource.query<ChannelDeliveryStats[]>(
      `WITH channels(channel, position) AS (VALUES ('email', 1), ('sms', 2), ('webhook', 3)),
            m AS (
              SELECT id, channel, attempts, sent_at, dead_at, entity_type, entity_id,
                     extract(epoch FROM sent_at - occurred_at) AS seconds_to_delivery
                FROM outbound_messages
               WHERE school_id = $1 AND created_at >= $2 AND created_at < $3),
            failures AS (
              SELECT m.channel, count(*)::int AS n FROM message_attempts a JOIN m ON m.id = a.message_id WHERE a.outcome = 'failed' GROUP BY m.channel),
            acknowledged AS (
              SELECT x.channel, percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM al.acknowledged_at - al.raised_at)) AS seconds
                FROM (SELECT DISTINCT channel, entity_id FROM m WHERE entity_type = 'alert') x
                JOIN alerts al ON al.id = x.entity_id AND al.school_id = $1
               WHERE al.acknowledged_at IS NOT NULL
               GROUP BY x.channel)
       SELECT c.channel,
              count(m.id)::int AS queued,
              count(m.sent_at)::int AS sent,
              count(m.dead_at)::int AS dead,
              count(*) FILTER (WHERE m.id IS NOT NULL AND m.sent_at IS NULL AND m.dead_at IS NULL)::int AS pending,
              COALESCE(max(f.n), 0)::int AS "failedAttempts",
              count(*) FILTER (WHERE m.attempts > 1)::int AS retried,
              round((percentile_cont(0.5) WITHIN GROUP (ORDER BY m.seconds_to_delivery) FILTER (WHERE m.entity_type = 'alert'))::numeric, 1)::float AS "medianSecondsAlertToDelivery",
              round(max(ack.seconds)::numeric, 1)::float AS "medianSecondsAlertToAcknowledgement"
         FROM channels c
         LEFT JOIN m ON m.channel = c.channel
         LEFT JOIN failures f ON f.channel = c.channel
         LEFT JOIN acknowledged ack ON ack.channel = c.channel
        GROUP BY c.channel, c.position
        ORDER BY c.position`,
      [caller.schoolId, query.from, query.to],
    );
    return { from: query.from, to: query.to, channels };
  }
}
