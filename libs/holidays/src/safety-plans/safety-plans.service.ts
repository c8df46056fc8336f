import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, ConflictProblem, NotFoundProblem, type Page, toPage } from '#core';
import { type Caller, Permission, roleHasPermission } from '#access';
import { AuditService } from '#audit';
import { FieldCipher } from '#crypto';
import { BreakGlassService } from '#identity';
import type { RecordSafetyPlanDto, ReviseSafetyPlanDto, SafetyPlanListQuery, SafetyPlanSummary, SafetyPlanView } from './safety-plan.dtos.js';
import { SafetyPlanRepository, type SafetyPlanRow } from './safety-plan.repository.js';
import { holidayOfSchool, studentInReach } from '../shared/scope-checks.js';

const binding = (planId: string) => ({ table: 'holiday_safety_plans', column: 'plan', rowId: planId });

const holidayNotFound = () => new NotFoundProblem('holiday.not_found', 'No such holiday');
const studentNotFound = () => new NotFoundProblem('student.not_found', 'No such student');
const planNotFound = () => new NotFoundProblem('safety_plan.not_found', 'No such safety plan');
const versionConflict = () => new ConflictProblem('safety_plan.version_conflict', 'The plan changed since you read it; reload and try again');

/** Those who write plans read them as part of their work; anyone else (administrators) only through break-glass. */
const readsWithoutGrant = (caller: Caller) => roleHasPermission(caller.role, Permission.HolidaySafetyPlanWrite);

/**
 * Holiday safety plans: one per student and holiday, recorded and revised by counselors, read by
 * them and, through an active break-glass grant for the student, by administrators; anyone else
 * out of scope gets 404 like a missing plan. The text is encrypted bound to the row, stays out of
 * lists and of the audit trail; every write is audited in its transaction, every read audited.
 *
 * The reminder rule "pre_holiday: record a holiday safety plan and a confirmed guardian contact"
 * (libs/reminders) counts as done when a plan exists here for (holiday, student) and the
 * student's holiday category for that holiday has guardian_confirmed = true.
 */
@Injectable()
export class SafetyPlansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: SafetyPlanRepository,
    private readonly breakGlass: BreakGlassService,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  async record(caller: Caller, holidayId: string, dto: RecordSafetyPlanDto): Promise<SafetyPlanView> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await holidayOfSchool(manager, caller.schoolId, holidayId))) throw holidayNotFound();
      if (!(await studentInReach(manager, caller, dto.studentId))) throw studentNotFound();
      const id = randomUUID();
      const inserted = await this.plans.insert(manager, {
        id,
        schoolId: caller.schoolId,
        holidayId,
        studentId: dto.studentId,
        plan: this.cipher.encrypt(dto.plan, binding(id)),
        userId: caller.userId,
        at: this.clock.now(),
      });
      if (!inserted) throw new ConflictProblem('safety_plan.exists', 'The student has a safety plan for this holiday already; revise that one');
      await this.audit.record(manager, caller, { action: 'holiday_safety_plan.record', entityType: 'holiday_safety_plan', entityId: id, studentId: dto.studentId, changedFields: ['plan'] });
      return this.viewOf((await this.plans.find(manager, caller.schoolId, holidayId, id))!);
    });
  }

  async revise(caller: Caller, holidayId: string, planId: string, version: number, dto: ReviseSafetyPlanDto): Promise<SafetyPlanView> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await holidayOfSchool(manager, caller.schoolId, holidayId))) throw holidayNotFound();
      const current = await this.plans.find(manager, caller.schoolId, holidayId, planId);
      if (!current) throw planNotFound();
      if (current.version !== version) throw versionConflict();
      const revised = await this.plans.reviseAtVersion(manager, {
        id: planId,
        schoolId: caller.schoolId,
        holidayId,
        version,
        plan: this.cipher.encrypt(dto.plan, binding(planId)),
        at: this.clock.now(),
      });
      if (!revised) throw versionConflict();
      await this.audit.record(manager, caller, { action: 'holiday_safety_plan.revise', entityType: 'holiday_safety_plan', entityId: planId, studentId: current.studentId, changedFields: ['plan'] });
      return this.viewOf((await this.plans.find(manager, caller.schoolId, holidayId, planId))!);
    });
  }

  /** A clinical read: audited whether it succeeds or not, with the grant that allowed it. */
  async get(caller: Caller, holidayId: string, planId: string): Promise<SafetyPlanView> {
    if (!(await holidayOfSchool(this.dataSource.manager, caller.schoolId, holidayId))) throw holidayNotFound();
    const row = await this.plans.find(this.dataSource.manager, caller.schoolId, holidayId, planId);
    const grantId = row && !readsWithoutGrant(caller) ? await this.breakGlass.activeGrantId(caller, row.studentId) : null;
    const allowed = row !== null && (readsWithoutGrant(caller) || grantId !== null);
    await this.audit.recordAlone(caller, {
      action: 'holiday_safety_plan.read',
      outcome: allowed ? 'success' : 'not_found',
      entityType: 'holiday_safety_plan',
      entityId: planId,
      // Kept for refused reads too: the trail shows whose plan was sought; the answer does not.
      studentId: row?.studentId,
      breakGlassGrantId: grantId ?? undefined,
    });
    if (!allowed) throw planNotFound();
    return this.viewOf(row);
  }

  /**
   * Which students have a plan, without the text. Audited all the same: that a student has a
   * safety plan says they are at risk.
   */
  async list(caller: Caller, holidayId: string, query: SafetyPlanListQuery): Promise<Page<SafetyPlanSummary>> {
    const scope = readsWithoutGrant(caller) ? { kind: 'school' as const } : { kind: 'break_glass' as const, userId: caller.userId, at: this.clock.now() };
    const rows = await this.plans.list(caller.schoolId, holidayId, scope, query.studentId, query);
    if (rows === null) throw holidayNotFound();
    await this.audit.recordAlone(caller, { action: 'holiday_safety_plan.list', entityType: 'holiday', entityId: holidayId, studentId: query.studentId });
    return toPage(rows, query, (r) => [r.studentId]);
  }

  private viewOf(row: SafetyPlanRow): SafetyPlanView {
    return { ...row, plan: this.cipher.decrypt(row.plan, binding(row.id)) };
  }
}
