import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, ConflictProblem } from '#core';
import { AlertsService } from '#alerts';
import { type AuditActor, AuditService } from '#audit';
import { FieldCipher } from '#crypto';
import { RiskRegisterService } from '#risk';
import { InvitationRepository } from '../campaigns/invitations/invitation.repository.js';
import type { CheckedAnswers } from './checked-answers.js';
import type { ResponseSource } from './entities/screening-response.entity.js';
import { alertFor } from './response-alerts.js';
import { answersBinding } from './response-answers.js';
import { type NewResponseRow, ResponseRepository } from './response.repository.js';

/** One student's checked answers to one instrument, to store. */
export interface ResponseToRecord extends CheckedAnswers {
  invitationId: string;
  studentId: string;
  administeredAt: Date;
}

export interface ResponseBatch {
  schoolId: string;
  campaignId: string;
  source: ResponseSource;
  /** The counselor who entered or imported them; null for a student's own survey. */
  enteredBy: string | null;
  responses: ResponseToRecord[];
}

const AUDIT_ACTIONS: Record<ResponseSource, string> = {
  survey: 'screening_response.submit',
  paper: 'screening_response.enter',
  import: 'screening_response.import',
};

/**
 * The one place responses are stored, whether a student answered online, a counselor typed in
 * a paper form or imported a file: inside the caller's transaction it uses up the invitations,
 * stores every response (answers encrypted), audits each, raises the alerts the scores call for
 * and recomputes the students' risk levels. Either all of it happens or none.
 */
@Injectable()
export class ResponseRecorder {
  constructor(
    private readonly responses: ResponseRepository,
    private readonly invitations: InvitationRepository,
    private readonly alerts: AlertsService,
    private readonly audit: AuditService,
    private readonly risk: RiskRegisterService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  /** Answers the new response ids, in the batch's order. */
  async record(manager: EntityManager, actor: AuditActor, batch: ResponseBatch): Promise<string[]> {
    const now = this.clock.now();
    const rows = batch.responses.map((response) => this.rowOf(response));
    await this.invitations.markUsed(manager, [...new Set(rows.map((r) => r.invitationId))], now);
    const inserted = await this.responses.insertMany(manager, { ...batch, submittedAt: now }, rows);
    if (inserted < rows.length) {
      throw new ConflictProblem('screening_response.already_recorded', 'A student already has a response to this instrument in this campaign');
    }
    await this.audit.recordMany(
      manager,
      actor,
      rows.map((row) => ({ action: AUDIT_ACTIONS[batch.source], entityType: 'screening_response', entityId: row.id, studentId: row.studentId })),
    );
    await this.raiseAlerts(manager, actor, batch.schoolId, rows);
    await this.risk.recompute(manager, batch.schoolId, rows.map((r) => r.studentId));
    return rows.map((r) => r.id);
  }

  /** Alerts are few (a critical item, a severe band), so raising them one by one stays cheap even for a large import. */
  private async raiseAlerts(manager: EntityManager, actor: AuditActor, schoolId: string, rows: NewResponseRow[]): Promise<void> {
    const bandRisks = await this.responses.bandRisksOf(manager, [...new Set(rows.map((r) => r.instrumentCode))]);
    for (const row of rows) {
      const alert = alertFor(row, bandRisks);
      if (!alert) continue;
      await this.alerts.raise(manager, actor, {
        schoolId,
        studentId: alert.studentId,
        severity: alert.severity,
        sourceType: 'screening_response',
        sourceId: alert.responseId,
        reasonCode: alert.reasonCode,
      });
    }
  }

  private rowOf(response: ResponseToRecord): NewResponseRow {
    const id = randomUUID();
    const { instrument, score } = response;
    return {
      id,
      invitationId: response.invitationId,
      studentId: response.studentId,
      instrumentId: instrument.id,
      instrumentCode: instrument.code,
      instrumentVersion: instrument.version,
      answers: this.cipher.encrypt(JSON.stringify({ answers: response.answers, flags: response.flags }), answersBinding(id)),
      total: score.total,
      bandCode: score.band?.code ?? null,
      classification: score.classification ?? null,
      criticalItemsHit: score.criticalItemsHit,
      administeredAt: response.administeredAt.toISOString(),
    };
  }
}
