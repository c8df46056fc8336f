import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { decodeCursorAs, type PageQuery } from '#core';
import type { WebhookEventType } from '../entities/webhook-endpoint.entity.js';
import type { WebhookEndpointView } from './webhook.dtos.js';

/** The FieldCipher binding of an endpoint's secret. */
export const secretBinding = (endpointId: string) => ({ table: 'webhook_endpoints', column: 'secret', rowId: endpointId });

/** What the channel needs to deliver to an endpoint. */
export interface DeliverableEndpoint {
  id: string;
  url: string;
  /** Still encrypted. */
  secret: string;
  enabled: boolean;
}

export interface NewWebhookEndpoint {
  id: string;
  schoolId: string;
  url: string;
  description: string | null;
  events: WebhookEventType[];
  /** Encrypted, bound to `id`. */
  secret: string;
  createdBy: string;
}

export interface WebhookEndpointChanges {
  url?: string;
  description?: string | null;
  events?: WebhookEventType[];
  enabled?: boolean;
}

/** One endpoint subscribed to the event at `index` of a publish. */
export interface SubscribedEndpoint {
  endpointId: string;
  index: number;
}

const SELECT_VIEW = `SELECT id, url, description, events, enabled, consecutive_failures AS "consecutiveFailures", disabled_at AS "disabledAt",
       disabled_reason AS "disabledReason", created_by AS "createdBy", created_at AS "createdAt", updated_at AS "updatedAt", version
  FROM webhook_endpoints`;

/** Every statement on `webhook_endpoints`; each names the school it is scoped to. */
@Injectable()
export class WebhookEndpointRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Inserts unless the school has `limit` endpoints already; false then. Two registrations at the
   * same moment may both pass: a bound on how far one event fans out, not a quota.
   */
  async insert(manager: EntityManager, endpoint: NewWebhookEndpoint, limit: number, at: Date): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO webhook_endpoints (id, school_id, url, description, events, secret, created_by, created_at, updated_at)
       SELECT $1, $2, $3, $4, $5::text[], $6, $7, $8, $8
        WHERE (SELECT count(*) FROM webhook_endpoints WHERE school_id = $2) < $9
       RETURNING id`,
      [endpoint.id, endpoint.schoolId, endpoint.url, endpoint.description, endpoint.events, endpoint.secret, endpoint.createdBy, at, limit],
    );
    return rows.length > 0;
  }

  async findInSchool(manager: EntityManager, schoolId: string, endpointId: string): Promise<WebhookEndpointView | null> {
    const rows = await manager.query<WebhookEndpointView[]>(`${SELECT_VIEW} WHERE id = $1 AND school_id = $2`, [endpointId, schoolId]);
    return rows[0] ?? null;
  }

  /** Oldest first, by (created_at, id): webhook_endpoints_school_created_idx serves it. One row more than the page. */
  listOfSchool(schoolId: string, page: PageQuery): Promise<WebhookEndpointView[]> {
    const params: unknown[] = [schoolId, page.limit + 1];
    let after = '';
    if (page.cursor) {
      const [createdAt, id] = decodeCursorAs(page.cursor, ['timestamptz', 'uuid']);
      params.push(createdAt, id);
      after = 'AND (created_at, id) > ($3::timestamptz, $4::uuid)';
    }
    return this.dataSource.query<WebhookEndpointView[]>(`${SELECT_VIEW} WHERE school_id = $1 ${after} ORDER BY created_at, id LIMIT $2`, params);
  }

  /**
   * Applies the changes if the endpoint is still at `version`. Switching it on clears why it was
   * off and starts the failure count again; switching it off records that an administrator did.
   */
  async updateAtVersion(manager: EntityManager, schoolId: string, endpointId: string, version: number, changes: WebhookEndpointChanges, at: Date): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `WITH updated AS (
         UPDATE webhook_endpoints SET
           url = COALESCE($4, url),
           description = CASE WHEN $5 THEN $6 ELSE description END,
           events = COALESCE($7::text[], events),
           enabled = COALESCE($8, enabled),
           consecutive_failures = CASE WHEN $8 AND NOT enabled THEN 0 ELSE consecutive_failures END,
           disabled_at = CASE WHEN $8 THEN NULL WHEN NOT $8 AND enabled THEN $9 ELSE disabled_at END,
           disabled_reason = CASE WHEN $8 THEN NULL WHEN NOT $8 AND enabled THEN 'administrator' ELSE disabled_reason END,
           updated_at = $9, version = version + 1
          WHERE id = $1 AND school_id = $2 AND version = $3
          RETURNING id)
       SELECT id FROM updated`,
      [
        endpointId,
        schoolId,
        version,
        changes.url ?? null,
        changes.description !== undefined,
        changes.description ?? null,
        changes.events ?? null,
        changes.enabled ?? null,
        at,
      ],
    );
    return rows.length > 0;
  }

  /** Replaces the secret (already encrypted); false when there is no such endpoint in the school. */
  async replaceSecret(manager: EntityManager, schoolId: string, endpointId: string, secret: string, at: Date): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `WITH rotated AS (
         UPDATE webhook_endpoints SET secret = $3, updated_at = $4, version = version + 1 WHERE id = $1 AND school_id = $2 RETURNING id)
       SELECT id FROM rotated`,
      [endpointId, schoolId, secret, at],
    );
    return rows.length > 0;
  }

  async delete(manager: EntityManager, schoolId: string, endpointId: string): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `WITH deleted AS (DELETE FROM webhook_endpoints WHERE id = $1 AND school_id = $2 RETURNING id) SELECT id FROM deleted`,
      [endpointId, schoolId],
    );
    return rows.length > 0;
  }

  /** The enabled endpoints subscribed to each event, in one statement however many events. */
  subscribedTo(manager: EntityManager, events: { schoolId: string; type: WebhookEventType }[]): Promise<SubscribedEndpoint[]> {
    return manager.query<SubscribedEndpoint[]>(
      `SELECT e.id AS "endpointId", (x.i - 1)::int AS index
         FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS x(school_id, type, i)
         JOIN webhook_endpoints e ON e.school_id = x.school_id AND e.enabled AND x.type = ANY(e.events)
        ORDER BY x.i, e.created_at, e.id`,
      [events.map((e) => e.schoolId), events.map((e) => e.type)],
    );
  }

  async findForDelivery(schoolId: string, endpointId: string): Promise<DeliverableEndpoint | null> {
    const rows = await this.dataSource.query<DeliverableEndpoint[]>(
      'SELECT id, url, secret, enabled FROM webhook_endpoints WHERE id = $1 AND school_id = $2',
      [endpointId, schoolId],
    );
    return rows[0] ?? null;
  }

  /** A message got through: the failure count starts again (written only when it is not 0 already). */
  async recordDelivered(endpointId: string): Promise<void> {
    await this.dataSource.query('UPDATE webhook_endpoints SET consecutive_failures = 0 WHERE id = $1 AND consecutive_failures > 0', [endpointId]);
  }

  /**
   * A message to an enabled endpoint was given up on: counts it, and at `disableAt` in a row
   * switches the endpoint off (a change of state, so its version moves; a mere count does not).
   * Null when the endpoint is gone or already off (its own messages fail then, and do not count).
   */
  async countGivenUp(manager: EntityManager, schoolId: string, endpointId: string, disableAt: number, at: Date): Promise<{ url: string; disabled: boolean } | null> {
    const rows = await manager.query<{ url: string; disabled: boolean }[]>(
      `WITH counted AS (
         UPDATE webhook_endpoints SET
           consecutive_failures = consecutive_failures + 1,
           enabled = consecutive_failures + 1 < $3,
           disabled_at = CASE WHEN consecutive_failures + 1 >= $3 THEN $4::timestamptz END,
           disabled_reason = CASE WHEN consecutive_failures + 1 >= $3 THEN 'delivery_failures' END,
           updated_at = CASE WHEN consecutive_failures + 1 >= $3 THEN $4::timestamptz ELSE updated_at END,
           version = version + CASE WHEN consecutive_failures + 1 >= $3 THEN 1 ELSE 0 END
          WHERE id = $1 AND school_id = $2 AND enabled
          RETURNING url, NOT enabled AS disabled)
       SELECT url, disabled FROM counted`,
      [endpointId, schoolId, disableAt, at],
    );
    return rows[0] ?? null;
  }
}
