import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { applyKeyset, type PageQuery, type Uuid } from '#core';

export interface NotificationView {
  id: Uuid;
  /** What happened, e.g. `alert.raised`, `break_glass.used`. */
  kind: string;
  title: string;
  /** What it links to, e.g. `alert`, `case`; null when nothing. */
  entityType: string | null;
  entityId: Uuid | null;
  readAt: Date | null;
  createdAt: Date;
}

export interface NewNotification {
  kind: string;
  title: string;
  entityType?: string;
  entityId?: string;
}

@Injectable()
export class NotificationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One notification to every active user of the given roles in the school, in one statement; returns who was told. */
  async notifyRoles(manager: EntityManager, schoolId: string, roles: string[], notification: NewNotification): Promise<string[]> {
    const rows = await manager.query<{ recipientId: string }[]>(
      `INSERT INTO notifications (school_id, recipient_id, kind, title, entity_type, entity_id)
       SELECT u.school_id, u.id, $3, $4, $5, $6 FROM users u
        WHERE u.school_id = $1 AND u.role = ANY($2) AND u.active
       RETURNING recipient_id AS "recipientId"`,
      [schoolId, roles, notification.kind, notification.title, notification.entityType ?? null, notification.entityId ?? null],
    );
    return rows.map((r) => r.recipientId);
  }

  /** One notification to one user, if they are still an active member of the school; whether it was sent. */
  async notifyUser(manager: EntityManager, schoolId: string, userId: string, notification: NewNotification): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO notifications (school_id, recipient_id, kind, title, entity_type, entity_id)
       SELECT u.school_id, u.id, $3, $4, $5, $6 FROM users u WHERE u.id = $2 AND u.school_id = $1 AND u.active
       RETURNING id`,
      [schoolId, userId, notification.kind, notification.title, notification.entityType ?? null, notification.entityId ?? null],
    );
    return rows.length > 0;
  }

  listForRecipient(schoolId: string, recipientId: string, unreadOnly: boolean, page: PageQuery): Promise<NotificationView[]> {
    const qb = this.dataSource
      .createQueryBuilder()
      .select(['n.id AS id', 'n.kind AS kind', 'n.title AS title', 'n.entity_type AS "entityType"', 'n.entity_id AS "entityId"'])
      .addSelect(['n.read_at AS "readAt"', 'n.created_at AS "createdAt"'])
      .from('notifications', 'n')
      .where('n.school_id = :schoolId AND n.recipient_id = :recipientId', { schoolId, recipientId });
    if (unreadOnly) qb.andWhere('n.read_at IS NULL');
    return applyKeyset(qb, { columns: ['n.created_at', 'n.id'], direction: 'DESC', casts: ['timestamptz', 'uuid'] }, page).getRawMany();
  }

  async markRead(schoolId: string, recipientId: string, id: string, at: Date): Promise<boolean> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      // In a CTE: TypeORM answers a bare UPDATE with [rows, count] rather than rows.
      `WITH marked AS (
         UPDATE notifications SET read_at = COALESCE(read_at, $4) WHERE id = $3 AND school_id = $1 AND recipient_id = $2 RETURNING id)
       SELECT id FROM marked`,
      [schoolId, recipientId, id, at],
    );
    return rows.length > 0;
  }
}
