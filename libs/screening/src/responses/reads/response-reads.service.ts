import { Injectable } from '@nestjs/common';
import { NotFoundProblem, type Page, type PageQuery, toPage } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { FieldCipher } from '#crypto';
import { BreakGlassService } from '#identity';
import { answersBinding, type StoredAnswers } from '../response-answers.js';
import { ResponseReadRepository, type ResponseRow } from './response-read.repository.js';
import { type ResponseDetailView, resultViewOf, type ScreeningResultView } from './response.views.js';

export const responseNotFound = () => new NotFoundProblem('screening_response.not_found', 'No such screening response');

/**
 * Reading responses. Answers are the most sensitive data here: only the campaign's team sees
 * them, or someone with a break-glass grant for the student; everyone else (class teachers,
 * administrators, other counselors) gets the same 404 as for a missing response. Every read,
 * allowed or not, is audited.
 */
@Injectable()
export class ResponseReadsService {
  constructor(
    private readonly responses: ResponseReadRepository,
    private readonly breakGlass: BreakGlassService,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
  ) {}

  async get(caller: Caller, responseId: string): Promise<ResponseDetailView> {
    const row = await this.responses.findInSchool(caller.schoolId, responseId, caller.userId);
    const grantId = row && !row.inTeam ? await this.breakGlass.activeGrantId(caller, row.studentId) : null;
    const allowed = row !== null && (row.inTeam || grantId !== null);
    await this.audit.recordAlone(caller, {
      action: 'screening_response.read',
      outcome: allowed ? 'success' : 'not_found',
      entityType: 'screening_response',
      entityId: responseId,
      studentId: row?.studentId,
      breakGlassGrantId: grantId ?? undefined,
    });
    if (!row || !allowed) throw responseNotFound();
    return this.detailOf(row);
  }

  /** A student's results without answers, for the school's counselors; the list is audited as a read of the student's records. */
  async listForStudent(caller: Caller, studentId: string, page: PageQuery): Promise<Page<ScreeningResultView>> {
    const found = await this.responses.studentInSchool(caller.schoolId, studentId);
    await this.audit.recordAlone(caller, {
      action: 'screening_result.list',
      outcome: found ? 'success' : 'not_found',
      entityType: 'student',
      entityId: studentId,
      studentId: found ? studentId : undefined,
    });
    if (!found) throw new NotFoundProblem('student.not_found', 'No such student');
    const rows = await this.responses.listForStudent(caller.schoolId, studentId, page);
    return toPage(rows, page, (r) => [r.administeredAt.toISOString(), r.id], resultViewOf);
  }

  detailOf(row: ResponseRow): ResponseDetailView {
    const { answers: encrypted, inTeam: _inTeam, ...rest } = row;
    const stored = JSON.parse(this.cipher.decrypt(encrypted, answersBinding(row.id))) as StoredAnswers;
    return { ...rest, answers: stored.answers, flags: stored.flags };
  }
}
