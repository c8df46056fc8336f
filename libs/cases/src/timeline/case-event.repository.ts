import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FieldCipher } from '#crypto';

export interface NewCaseEvent {
  schoolId: string;
  caseId: string;
  kind: string;
  actorId: string | null;
  at: Date;
  /** Ids and codes only. */
  data?: Record<string, unknown>;
  /** Free text, encrypted here. */
  reason?: string | null;
}

export interface CaseEventRow {
  id: string;
  kind: string;
  actorId: string | null;
  occurredAt: Date;
  data: Record<string, unknown>;
  reason: string | null;
}

const REASON = (eventId: string) => ({ table: 'case_events', column: 'reason', rowId: eventId });

/** Every module of the case writes its events here, so the timeline is one ordered query. */
@Injectable()
export class CaseEventRepository {
  constructor(private readonly cipher: FieldCipher) {}

  async append(manager: EntityManager, event: NewCaseEvent): Promise<string> {
    const id = randomUUID();
    await manager.query(
      `INSERT INTO case_events (id, school_id, case_id, kind, actor_id, occurred_at, data, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        event.schoolId,
        event.caseId,
        event.kind,
        event.actorId,
        event.at,
        JSON.stringify(event.data ?? {}),
        event.reason ? this.cipher.encrypt(event.reason, REASON(id)) : null,
      ],
    );
    return id;
  }

  /** In order of occurrence; reasons decrypted for the caller the service already let in. */
  async timeline(manager: EntityManager, caseId: string, after: { at: string; id: string } | null, limit: number): Promise<CaseEventRow[]> {
    const rows = await manager.query<CaseEventRow[]>(
      `SELECT id, kind, actor_id AS "actorId", occurred_at AS "occurredAt", data, reason
         FROM case_events
        WHERE case_id = $1 AND ($2::timestamptz IS NULL OR (occurred_at, id) > ($2::timestamptz, $3::uuid))
        ORDER BY occurred_at, id
        LIMIT $4`,
      [caseId, after?.at ?? null, after?.id ?? null, limit + 1],
    );
    return rows.map((row) => ({ ...row, reason: row.reason ? this.cipher.decrypt(row.reason, REASON(row.id)) : null }));
  }
}
