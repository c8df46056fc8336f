import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock, ConflictProblem, type FieldError, NotFoundProblem, type Page, toPage, validationProblem } from '#core';
import { type Caller, Permission, roleHasPermission } from '#access';
import { AuditService } from '#audit';
import { FieldCipher } from '#crypto';
import { HARDSHIP_AID_TRANSITIONS, type HardshipAidStatus } from '../entities/hardship-aid.entity.js';
import type { ApplyHardshipAidDto, HardshipAidDetail, HardshipAidListQuery, HardshipAidView, TransitionHardshipAidDto } from './hardship-aid.dtos.js';
import { HardshipAidRepository, type HardshipAidRow } from './hardship-aid.repository.js';
import { holidayOfSchool, studentInReach } from '../shared/scope-checks.js';

type FreeText = 'circumstances' | 'rejectionReason';
const COLUMN: Record<FreeText, string> = { circumstances: 'circumstances', rejectionReason: 'rejection_reason' };
const binding = (id: string, field: FreeText) => ({ table: 'hardship_aid_applications', column: COLUMN[field], rowId: id });

/** The audit verb of each step. */
const ACTION: Record<HardshipAidStatus, string> = {
  submitted: 'hardship_aid.apply',
  approved: 'hardship_aid.approve',
  rejected: 'hardship_aid.reject',
  paid: 'hardship_aid.pay',
};

const holidayNotFound = () => new NotFoundProblem('holiday.not_found', 'No such holiday');
const studentNotFound = () => new NotFoundProblem('student.not_found', 'No such student');
const applicationNotFound = () => new NotFoundProblem('hardship_aid.not_found', 'No such hardship-aid application');
const versionConflict = () => new ConflictProblem('hardship_aid.version_conflict', 'The application changed since you read it; reload and try again');

/**
 * Temporary hardship aid for disaster-affected students over a holiday. Class teachers apply for
 * the students of their current classes, counselors and administrators for any of the school's;
 * the student must be registered as disaster-affected for the holiday. Administrators review
 * (never approving what they applied for themselves) and record the payment. Every step is a
 * history row and an audit entry, written in the same transaction.
 */
@Injectable()
export class HardshipAidService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: HardshipAidRepository,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  async apply(caller: Caller, holidayId: string, dto: ApplyHardshipAidDto): Promise<HardshipAidDetail> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await holidayOfSchool(manager, caller.schoolId, holidayId))) throw holidayNotFound();
      if (!(await studentInReach(manager, caller, dto.studentId))) throw studentNotFound();
      const affected = await this.applications.disasterAffected(manager, caller.schoolId, holidayId, dto.studentId);
      if (affected !== true) {
        throw new ConflictProblem(
          'hardship_aid.not_disaster_affected',
          affected === null
            ? "The student has no holiday category for this holiday, so is not registered as disaster-affected; register the category first"
            : "The student's holiday category for this holiday does not mark them disaster-affected",
        );
      }
      const id = randomUUID();
      const at = this.clock.now();
      const circumstances = this.cipher.encrypt(dto.circumstances, binding(id, 'circumstances'));
      const inserted = await this.applications.insert(manager, { id, schoolId: caller.schoolId, holidayId, studentId: dto.studentId, amountRequestedFen: dto.amountRequestedFen, circumstances, userId: caller.userId, at });
      if (!inserted) throw new ConflictProblem('hardship_aid.open_application_exists', 'The student has an open application for this holiday already');
      await this.applications.insertStep(manager, { applicationId: id, from: null, to: 'submitted', userId: caller.userId, at });
      await this.audit.record(manager, caller, {
        action: ACTION.submitted,
        entityType: 'hardship_aid_application',
        entityId: id,
        studentId: dto.studentId,
        changedFields: ['status', 'amountRequestedFen', 'circumstances'],
      });
      return this.detail(manager, caller, holidayId, id);
    });
  }

  async transition(caller: Caller, holidayId: string, applicationId: string, dto: TransitionHardshipAidDto): Promise<HardshipAidDetail> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await holidayOfSchool(manager, caller.schoolId, holidayId))) throw holidayNotFound();
      const current = await this.applications.find(manager, caller, holidayId, applicationId, true);
      if (!current) throw applicationNotFound();
      if (current.version !== dto.version) throw versionConflict();
      const allowed = HARDSHIP_AID_TRANSITIONS[current.status];
      if (!allowed.includes(dto.to)) {
        throw new ConflictProblem(
          'hardship_aid.illegal_transition',
          `An application ${current.status} cannot move to ${dto.to}${allowed.length ? `; it may move to ${allowed.join(' or ')}` : '; it is final'}`,
          { allowed },
        );
      }
      this.checkFields(dto);
      if (dto.to === 'approved' && current.appliedBy === caller.userId) {
        throw new ConflictProblem('hardship_aid.second_person_required', 'Whoever applied may not approve the application; another administrator must');
      }
      const at = this.clock.now();
      const changed = await this.applications.changeStatus(manager, {
        id: current.id,
        schoolId: caller.schoolId,
        version: dto.version,
        to: dto.to,
        userId: caller.userId,
        at,
        rejectionReason: dto.to === 'rejected' ? this.cipher.encrypt(dto.reason!, binding(current.id, 'rejectionReason')) : current.rejectionReason,
        amountPaidFen: dto.amountPaid ?? null,
        paymentReference: dto.paymentReference ?? null,
      });
      if (!changed) throw versionConflict();
      await this.applications.insertStep(manager, { applicationId: current.id, from: current.status, to: dto.to, userId: caller.userId, at });
      const changedFields = ['status', ...(dto.to === 'rejected' ? ['rejectionReason'] : []), ...(dto.to === 'paid' ? ['amountPaidFen', 'paymentReference', 'paidAt'] : [])];
      await this.audit.record(manager, caller, { action: ACTION[dto.to], entityType: 'hardship_aid_application', entityId: current.id, studentId: current.studentId, changedFields });
      return this.detail(manager, caller, holidayId, current.id);
    });
  }

  async get(caller: Caller, holidayId: string, applicationId: string): Promise<HardshipAidDetail> {
    if (!(await holidayOfSchool(this.dataSource.manager, caller.schoolId, holidayId))) throw holidayNotFound();
    return this.detail(this.dataSource.manager, caller, holidayId, applicationId);
  }

  async list(caller: Caller, holidayId: string, query: HardshipAidListQuery): Promise<Page<HardshipAidView>> {
    const rows = await this.applications.list(caller, holidayId, query.status, query);
    if (rows === null) throw holidayNotFound();
    return toPage(rows, query, (r) => [new Date(r.createdAt).toISOString(), r.id], (r) => this.view(caller, r));
  }

  /** A reason to reject, and an amount and reference to record payment; nothing else. */
  private checkFields(dto: TransitionHardshipAidDto): void {
    const errors: FieldError[] = [];
    const rule = (field: 'reason' | 'amountPaid' | 'paymentReference', requiredFor: HardshipAidStatus) => {
      const given = dto[field] !== undefined && dto[field] !== null;
      if (dto.to === requiredFor && !given) errors.push({ field, message: `is required when to is ${requiredFor}` });
      if (dto.to !== requiredFor && given) errors.push({ field, message: `must be left out when to is ${dto.to}` });
    };
    rule('reason', 'rejected');
    rule('amountPaid', 'paid');
    rule('paymentReference', 'paid');
    if (errors.length > 0) throw validationProblem(errors);
  }

  private async detail(manager: EntityManager, caller: Caller, holidayId: string, applicationId: string): Promise<HardshipAidDetail> {
    const row = await this.applications.find(manager, caller, holidayId, applicationId);
    if (!row) throw applicationNotFound();
    return { ...this.view(caller, row), history: await this.applications.history(manager, row.id) };
  }

  /** Class teachers and counselors see the student and the status; administrators the whole application. */
  private view(caller: Caller, row: HardshipAidRow): HardshipAidView {
    const base: HardshipAidView = {
      id: row.id,
      holidayId: row.holidayId,
      studentId: row.studentId,
      studentName: row.studentName,
      classId: row.classId,
      className: row.className,
      status: row.status,
      appliedBy: row.appliedBy,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      version: row.version,
    };
    if (!roleHasPermission(caller.role, Permission.HardshipAidReview)) return base;
    return {
      ...base,
      amountRequestedFen: row.amountRequestedFen,
      circumstances: this.cipher.decrypt(row.circumstances, binding(row.id, 'circumstances')),
      reviewedBy: row.reviewedBy,
      reviewedAt: row.reviewedAt,
      rejectionReason: row.rejectionReason === null ? null : this.cipher.decrypt(row.rejectionReason, binding(row.id, 'rejectionReason')),
      amountPaidFen: row.amountPaidFen,
      paidAt: row.paidAt,
      paymentReference: row.paymentReference,
      paidBy: row.paidBy,
    };
  }
}
