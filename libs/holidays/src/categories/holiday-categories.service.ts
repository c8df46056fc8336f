import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, ConflictProblem, type FieldError, ForbiddenProblem, NotFoundProblem, type Page, toPage, validationProblem } from '#core';
import { type Caller, Permission, roleHasPermission } from '#access';
import { AuditService } from '#audit';
import { FieldCipher } from '#crypto';
import type {
  HolidayCategoryListQuery,
  HolidayCategoryView,
  OnSiteQuery,
  OnSiteStudentView,
  PutHolidayCategoryDto,
  UnregisteredQuery,
  UnregisteredStudentView,
} from './holiday-categories.dtos.js';
import { HolidayCategoryRepository, type HolidayCategoryRow, type HolidayCategoryValues, type ListResult } from './holiday-category.repository.js';
import { holidayOfSchool, studentInReach } from '../shared/scope-checks.js';

type FreeText = 'employer' | 'place' | 'description';
const FREE_TEXT: FreeText[] = ['employer', 'place', 'description'];
const binding = (id: string, column: FreeText) => ({ table: 'holiday_categories', column, rowId: id });

/** Which free-text fields each whereabouts requires; any other is refused. */
const REQUIRED_TEXT: Record<string, FreeText[]> = { internship: ['employer', 'place'], other: ['description'] };
const COMPARED: Exclude<keyof HolidayCategoryValues, 'guardianConfirmedAt'>[] = ['whereabouts', 'employer', 'place', 'description', 'disasterAffected', 'contactPhone', 'guardianConfirmed'];

const holidayNotFound = () => new NotFoundProblem('holiday.not_found', 'No such holiday');
const studentNotFound = () => new NotFoundProblem('student.not_found', 'No such student');
const classNotFound = () => new NotFoundProblem('class.not_found', 'No such class');
const versionConflict = (detail = 'The registration changed since you read it; reload and try again') =>
  new ConflictProblem('holiday_category.version_conflict', detail);

function orNotFound<T>(rows: ListResult<T>, problem: () => NotFoundProblem): T[] {
  if (rows === null) throw problem();
  return rows;
}

/**
 * Holiday categories: where each student will be over a holiday and how to reach them. Class
 * teachers register the students of their current classes, counselors and administrators any of
 * the school's; duty officers list the students on campus or on internships.
 */
@Injectable()
export class HolidayCategoriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly categories: HolidayCategoryRepository,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  /**
   * Registers (no version) or replaces (at `version`) the student's category for the holiday.
   * A holiday or student out of the caller's reach answers 404 like a missing one.
   */
  async put(caller: Caller, holidayId: string, studentId: string, version: number | undefined, dto: PutHolidayCategoryDto): Promise<{ created: boolean; view: HolidayCategoryView }> {
    const requested = this.requestedValues(dto);
    return this.dataSource.transaction(async (manager) => {
      if (!(await holidayOfSchool(manager, caller.schoolId, holidayId))) throw holidayNotFound();
      if (!(await studentInReach(manager, caller, studentId))) throw studentNotFound();
      const current = await this.categories.findForUpdate(manager, caller.schoolId, holidayId, studentId);
      const now = this.clock.now();

      if (version === undefined) {
        if (current) throw versionConflict('The student is registered already; send the version your change is based on');
        const id = randomUUID();
        const values = { ...requested, guardianConfirmedAt: requested.guardianConfirmed ? now : null };
        const inserted = await this.categories.insert(manager, { id, schoolId: caller.schoolId, holidayId, studentId, userId: caller.userId, at: now, ...this.encrypted(id, values) });
        if (!inserted) throw versionConflict('The student was registered meanwhile; reload and try again');
        await this.audit.record(manager, caller, {
          action: 'holiday_category.register',
          entityType: 'holiday_category',
          entityId: id,
          studentId,
          changedFields: COMPARED.filter((field) => values[field] !== null && values[field] !== false),
        });
        return { created: true, view: this.view((await this.categories.findForUpdate(manager, caller.schoolId, holidayId, studentId))!) };
      }

      if (!current || current.version !== version) throw versionConflict();
      const decrypted = this.decrypt(current);
      const changedFields = COMPARED.filter((field) => requested[field] !== decrypted[field]);
      if (changedFields.length === 0) return { created: false, view: decrypted };
      // The confirmation holds for the phone the guardian confirmed: a new phone needs a new one.
      const stillConfirmed = decrypted.guardianConfirmed && requested.contactPhone === decrypted.contactPhone;
      const guardianConfirmedAt = requested.guardianConfirmed ? (stillConfirmed ? decrypted.guardianConfirmedAt : now) : null;
      const values = { ...requested, guardianConfirmedAt };
      if (guardianConfirmedAt !== decrypted.guardianConfirmedAt && !changedFields.includes('guardianConfirmed')) changedFields.push('guardianConfirmed');
      if (!(await this.categories.replaceAtVersion(manager, { id: current.id, schoolId: caller.schoolId, version, userId: caller.userId, at: now, ...this.encrypted(current.id, values) }))) {
        throw versionConflict();
      }
      await this.audit.record(manager, caller, { action: 'holiday_category.update', entityType: 'holiday_category', entityId: current.id, studentId, changedFields });
      return { created: false, view: this.view((await this.categories.findForUpdate(manager, caller.schoolId, holidayId, studentId))!) };
    });
  }

  /** Counselors may narrow to students at risk; others may not learn who is at risk this way. */
  async list(caller: Caller, holidayId: string, query: HolidayCategoryListQuery): Promise<Page<HolidayCategoryView>> {
    if (query.atRisk && !roleHasPermission(caller.role, Permission.RiskRegisterRead)) {
      throw new ForbiddenProblem('holiday_category.at_risk_forbidden', 'Only counselors may filter by risk');
    }
    const rows = orNotFound(await this.categories.listVisible(caller, holidayId, query, query), holidayNotFound);
    return toPage(rows, query, (r) => [r.className, r.studentName, r.studentId], (r) => this.view(r));
  }

  async unregistered(caller: Caller, holidayId: string, query: UnregisteredQuery): Promise<Page<UnregisteredStudentView>> {
    const rows = await this.categories.unregistered(caller, holidayId, query.classId, query);
    if (rows === null) {
      // One query answered; a second only tells which 404 to give.
      const holiday = await holidayOfSchool(this.dataSource.manager, caller.schoolId, holidayId);
      throw holiday ? classNotFound() : holidayNotFound();
    }
    return toPage(rows, query, (r) => [r.className, r.studentName, r.studentId]);
  }

  async onSite(caller: Caller, holidayId: string, query: OnSiteQuery): Promise<Page<OnSiteStudentView>> {
    const rows = orNotFound(await this.categories.onSite(caller.schoolId, holidayId, query), holidayNotFound);
    return toPage(rows, query, (r) => [r.className, r.studentName, r.studentId], (row) => {
      const r = this.view(row);
      return {
        studentId: r.studentId,
        studentName: r.studentName,
        className: r.className,
        whereabouts: r.whereabouts as OnSiteStudentView['whereabouts'],
        employer: r.employer,
        place: r.place,
        contactPhone: r.contactPhone,
        guardianConfirmed: r.guardianConfirmed,
      };
    });
  }

  /** The body as values to store, after the rules that depend on the whereabouts. */
  private requestedValues(dto: PutHolidayCategoryDto): Omit<HolidayCategoryValues, 'guardianConfirmedAt'> {
    const required = REQUIRED_TEXT[dto.whereabouts] ?? [];
    const errors: FieldError[] = [];
    for (const field of FREE_TEXT) {
      const given = dto[field] !== undefined && dto[field] !== null;
      if (required.includes(field) && !given) errors.push({ field, message: `is required when whereabouts is ${dto.whereabouts}` });
      if (!required.includes(field) && given) errors.push({ field, message: `must be left out when whereabouts is ${dto.whereabouts}` });
    }
    if (errors.length > 0) throw validationProblem(errors);
    return {
      whereabouts: dto.whereabouts,
      employer: dto.employer ?? null,
      place: dto.place ?? null,
      description: dto.description ?? null,
      disasterAffected: dto.disasterAffected ?? false,
      contactPhone: dto.contactPhone,
      guardianConfirmed: dto.guardianConfirmed ?? false,
    };
  }

  private encrypted(id: string, values: HolidayCategoryValues): HolidayCategoryValues {
    const encrypt = (column: FreeText) => (values[column] === null ? null : this.cipher.encrypt(values[column], binding(id, column)));
    return { ...values, employer: encrypt('employer'), place: encrypt('place'), description: encrypt('description') };
  }

  private decrypt(row: HolidayCategoryRow): HolidayCategoryView {
    const decrypt = (column: FreeText) => (row[column] === null ? null : this.cipher.decrypt(row[column], binding(row.id, column)));
    return { ...row, employer: decrypt('employer'), place: decrypt('place'), description: decrypt('description') };
  }

  private view(row: HolidayCategoryRow): HolidayCategoryView {
    return this.decrypt(row);
  }
}
