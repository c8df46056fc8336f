import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '#core';
import { composeMessage, MessagingConfig, StaffMessenger, type StaffMessage } from '#messaging';
import type { AlertSeverity } from '../entities/alert.entity.js';

/** How long a page's link works: long enough for a night, short enough not to linger in a phone. */
export const PAGE_LINK_TTL_MS = 12 * 3_600_000;

export const hashPageToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface AlertToPage {
  schoolId: string;
  alertId: string;
  severity: AlertSeverity;
  /** 0 when raised; the escalation step otherwise. */
  level: number;
  recipientIds: string[];
  /** When the alert was raised: the delivery report measures from here. */
  raisedAt: Date;
}

/**
 * Tells people outside the system that an alert needs them. A critical alert pages: SMS and email
 * at once, whatever the hour, each with a one-time link to the acknowledgement page. A high alert
 * sends a message on the preferred channel, held through quiet hours, linking into the console.
 * No message names the student or says why: the page behind the link shows what the first
 * response needs, to whoever holds the link, and records that it was read.
 */
@Injectable()
export class AlertPager {
  constructor(
    private readonly messenger: StaffMessenger,
    private readonly config: MessagingConfig,
    private readonly clock: Clock,
  ) {}

  /** Pages in the caller's transaction, in three statements however many alerts and people. */
  async page(manager: EntityManager, alerts: AlertToPage[]): Promise<void> {
    const now = this.clock.now();
    const tokens = new Map<string, string>();
    const pages = alerts.flatMap((alert) =>
      alert.severity === 'critical'
        ? [...new Set(alert.recipientIds)].map((recipientId) => {
            const token = randomBytes(24).toString('base64url');
            tokens.set(`${alert.alertId}:${recipientId}:${alert.level}`, token);
            return { alert, recipientId, tokenHash: hashPageToken(token) };
          })
        : [],
    );
    if (pages.length > 0) {
      await manager.query(
        `INSERT INTO alert_pages (school_id, alert_id, recipient_id, level, token_hash, expires_at, created_at)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::smallint[], $5::text[], $6::timestamptz[], $7::timestamptz[])
         ON CONFLICT (alert_id, recipient_id, level) DO NOTHING`,
        [
          pages.map((p) => p.alert.schoolId),
          pages.map((p) => p.alert.alertId),
          pages.map((p) => p.recipientId),
          pages.map((p) => p.alert.level),
          pages.map((p) => p.tokenHash),
          pages.map(() => new Date(now.getTime() + PAGE_LINK_TTL_MS)),
          pages.map(() => now),
        ],
      );
    }
    const messages: StaffMessage[] = alerts.map((alert) => {
      const critical = alert.severity === 'critical';
      return {
        schoolId: alert.schoolId,
        recipientIds: alert.recipientIds,
        kind: critical ? 'alert.page' : 'alert.notice',
        urgency: critical ? 'page' : 'normal',
        dedupeKey: (recipientId) => `alert:${alert.alertId}:${alert.level}:${recipientId}`,
        entityType: 'alert',
        entityId: alert.alertId,
        occurredAt: alert.raisedAt,
        content: ({ userId }) => {
          const token = tokens.get(`${alert.alertId}:${userId}:${alert.level}`);
          return token ? pageMessage(`${this.config.publicOrigin()}/a/${token}`, alert.level) : noticeMessage(`${this.config.publicOrigin()}/console`);
        },
      };
    });
    await this.messenger.sendMany(manager, messages);
  }
}

function pageMessage(link: string, level: number) {
  const escalated = level > 0 ? '无人及时确认，现升级至您。' : '';
  return composeMessage({
    subject: '【紧急预警】一名学生需要您立即处理 / Critical alert: act now',
    lines: [`一条紧急预警需要您立即处理。${escalated}请打开链接查看处置所需信息，并点击“我来处理”。`],
    english: level > 0 ? 'A critical alert was not acknowledged in time and now needs you. Open the link and tap "I\'m on it".' : 'A critical alert needs you now. Open the link and tap "I\'m on it".',
    link: { label: '打开 / Open', url: link },
    sms: `【校园心理】紧急预警${level > 0 ? '(已升级)' : ''}，请立即处理：${link}`,
  });
}

function noticeMessage(link: string) {
  return composeMessage({
    subject: '【预警】有一条预警待处理 / An alert is waiting for you',
    lines: ['有一条预警需要您在截止时间前处理，请登录系统查看。'],
    english: 'An alert needs your acknowledgement before its deadline; sign in to see it.',
    link: { label: '登录系统 / Sign in', url: link },
    sms: `【校园心理】有一条预警待处理，请登录系统查看：${link}`,
  });
}
