import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { IsoDateTime, Uuid } from '#core';
import { FieldCipher } from '#crypto';
import type { ContactChannel, ContactCounterpart, ContactOutcome } from '../contacts/case-contact.dto.js';
import type { TaskStatus } from '../entities/case-task.entity.js';
import type { CaseRiskLevel, CaseSignalSource, CaseState } from '../entities/case.entity.js';
import type { ReferralStatus } from '../referrals/referral-status.js';

/** The signal an event names: what it is and its id. */
export interface CaseSignalRef {
  type: CaseSignalSource;
  id: Uuid;
}

interface CaseEventBase {
  id: Uuid;
  /** Who did it; null for the system. */
  actorId: Uuid | null;
  occurredAt: Date;
  /** The reason given with it, decrypted; null when none was. */
  reason: string | null;
}

/*
 * One interface per kind of event, `kind` telling them apart. `data` holds ids and codes only;
 * timestamps in it are ISO 8601 strings (jsonb), not dates.
 */

export interface CaseOpenedEvent extends CaseEventBase {
  kind: 'opened';
  data: { riskLevel: CaseRiskLevel; ownerId: Uuid; source: CaseSignalRef | null };
}

export interface CaseSignalAttachedEvent extends CaseEventBase {
  kind: 'signal_attached';
  data: { source: CaseSignalRef };
}

export interface CaseStateChangedEvent extends CaseEventBase {
  kind: 'state_changed' | 'reopened';
  data: { from: CaseState; to: CaseState };
}

export interface CaseRiskChangedEvent extends CaseEventBase {
  kind: 'risk_changed';
  data: { from: CaseRiskLevel; to: CaseRiskLevel };
}

export interface CaseOwnerChangedEvent extends CaseEventBase {
  kind: 'owner_changed';
  /** The previous and the new owner. */
  data: { from: Uuid; to: Uuid };
}

export interface CaseTeamChangedEvent extends CaseEventBase {
  kind: 'member_added' | 'member_removed';
  data: { userId: Uuid };
}

export interface CaseClosureEvent extends CaseEventBase {
  kind: 'closure_requested' | 'closure_approved' | 'closure_rejected';
  data: { requestId: Uuid };
}

export interface CaseReferralCreatedEvent extends CaseEventBase {
  kind: 'referral_created';
  data: { referralId: Uuid; agencyId: Uuid; status: 'pending' };
}

export interface CaseReferralUpdatedEvent extends CaseEventBase {
  kind: 'referral_updated';
  data: { referralId: Uuid; agencyId: Uuid; from: ReferralStatus; to: ReferralStatus };
}

export interface CaseTaskCreatedEvent extends CaseEventBase {
  kind: 'task_created';
  /** `source`: the missed appointment, for a no-show follow-up. */
  data: { taskId: Uuid; assigneeId: Uuid; dueAt: IsoDateTime; source?: CaseSignalRef };
}

export interface CaseTaskUpdatedEvent extends CaseEventBase {
  kind: 'task_updated';
  /** `from` and `to` when the status changed; `assigneeId`, `dueAt` when they did. */
  data: { taskId: Uuid; changedFields: string[]; from?: TaskStatus; to?: TaskStatus; assigneeId?: Uuid; dueAt?: string };
}

export interface CaseNoteAddedEvent extends CaseEventBase {
  kind: 'note_added';
  data: { noteId: Uuid };
}

export interface CaseContactLoggedEvent extends CaseEventBase {
  kind: 'contact_logged';
  data: {
    contactId: Uuid;
    counterpart: ContactCounterpart;
    guardianId: Uuid | null;
    channel: ContactChannel;
    outcome: ContactOutcome;
    contactedAt: IsoDateTime;
    isGuardianNotification: boolean;
  };
}

/** One event of a case's timeline. */
export type CaseTimelineEvent =
  | CaseOpenedEvent
  | CaseSignalAttachedEvent
  | CaseStateChangedEvent
  | CaseRiskChangedEvent
  | CaseOwnerChangedEvent
  | CaseTeamChangedEvent
  | CaseClosureEvent
  | CaseReferralCreatedEvent
  | CaseReferralUpdatedEvent
  | CaseTaskCreatedEvent
  | CaseTaskUpdatedEvent
  | CaseNoteAddedEvent
  | CaseContactLoggedEvent;

/** Each kind with its own data, so that what is written is what the timeline documents. */
type CaseEventPayload = CaseTimelineEvent extends infer E ? (E extends CaseTimelineEvent ? Pick<E, 'kind' | 'data'> : never) : never;

export type NewCaseEvent = CaseEventPayload & {
  schoolId: string;
  caseId: string;
  actorId: string | null;
  at: Date;
  /** Free text, encrypted here. */
  reason?: string | null;
};

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
        JSON.stringify(event.data),
        event.reason ? this.cipher.encrypt(event.reason, REASON(id)) : null,
      ],
    );
    return id;
  }

  /** In order of occurrence; reasons decrypted for the caller the service already let in. */
  async timeline(manager: EntityManager, caseId: string, after: { at: string; id: string } | null, limit: number): Promise<CaseTimelineEvent[]> {
    const rows = await manager.query<CaseTimelineEvent[]>(
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
