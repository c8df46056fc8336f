import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock, NotFoundProblem, type Page, type PageQuery, toPage, validationProblem } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { counselorNotFound } from '../appointments/appointment-problems.js';
import type { Interval } from '../time/intervals.js';
import { availabilityWindows, type AvailabilityWindow } from './availability.js';
import {
  type AvailabilityExceptionView,
  type AvailabilityRuleView,
  type CreateAvailabilityExceptionDto,
  type CreateAvailabilityRuleDto,
  type ExceptionListQuery,
  minutesOf,
  timeOf,
} from './availability.dtos.js';
import { AvailabilityRepository, type CounselorRow, type ExceptionRow, type RuleRow } from './availability.repository.js';

/** Longest leave or extra block accepted at once: a term. */
const MAX_EXCEPTION_DAYS = 184;

/**
 * Counselors' weekly availability and its exceptions. A counselor keeps their own; the head of
 * counseling may keep anyone's in the school. Everyone with calendar access may read them.
 */
@Injectable()
export class AvailabilityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly availability: AvailabilityRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The counselor's availability within the range, in the school's zone. */
  async windowsFor(manager: EntityManager, counselorId: string, range: Interval, timeZone: string): Promise<AvailabilityWindow[]> {
    // One after the other: inside a transaction both would share one connection anyway.
    const rules = await this.availability.rulesOf(manager, counselorId);
    const exceptions = await this.availability.exceptionsBetween(manager, counselorId, new Date(range.start), new Date(range.end));
    return availabilityWindows(rules, exceptions, range, timeZone);
  }

  /** An active counselor of the caller's school; 404 otherwise, like a missing one. */
  async counselorOf(manager: EntityManager, caller: Caller, counselorId: string): Promise<CounselorRow> {
    const counselor = await this.availability.findCounselor(manager, caller.schoolId, counselorId);
    if (!counselor) throw counselorNotFound();
    return counselor;
  }

  async listRules(caller: Caller, counselorId: string, page: PageQuery): Promise<Page<AvailabilityRuleView>> {
    const manager = this.dataSource.manager;
    await this.counselorOf(manager, caller, counselorId);
    const rows = await this.availability.listRules(manager, counselorId, page);
    return toPage(rows, page, (r) => [r.weekday, r.startMinute, r.id], ruleView);
  }

  async getRule(caller: Caller, counselorId: string, ruleId: string): Promise<AvailabilityRuleView> {
    const manager = this.dataSource.manager;
    await this.counselorOf(manager, caller, counselorId);
    const rule = await this.availability.findRule(manager, counselorId, ruleId);
    if (!rule) throw ruleNotFound();
    return ruleView(rule);
  }

  async createRule(caller: Caller, counselorId: string, dto: CreateAvailabilityRuleDto): Promise<AvailabilityRuleView> {
    const startMinute = minutesOf(dto.startTime);
    const endMinute = minutesOf(dto.endTime);
    if (endMinute <= startMinute) throw validationProblem([{ field: 'endTime', message: 'must be after startTime' }]);
    return this.dataSource.transaction(async (manager) => {
      await this.manageable(manager, caller, counselorId);
      const rule = await this.availability.insertRule(manager, {
        schoolId: caller.schoolId,
        counselorId,
        weekday: dto.weekday,
        startMinute,
        endMinute,
        mode: dto.mode,
        place: dto.place ?? null,
        createdBy: caller.userId,
        at: this.clock.now(),
      });
      await this.audit.record(manager, caller, { action: 'availability_rule.create', entityType: 'availability_rule', entityId: rule.id });
      return ruleView(rule);
    });
  }

  async deleteRule(caller: Caller, counselorId: string, ruleId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.manageable(manager, caller, counselorId);
      if (!(await this.availability.delete(manager, 'counselor_availability_rules', counselorId, ruleId))) throw ruleNotFound();
      await this.audit.record(manager, caller, { action: 'availability_rule.delete', entityType: 'availability_rule', entityId: ruleId });
    });
  }

  async listExceptions(caller: Caller, counselorId: string, query: ExceptionListQuery): Promise<Page<AvailabilityExceptionView>> {
    const manager = this.dataSource.manager;
    await this.counselorOf(manager, caller, counselorId);
    const rows = await this.availability.listExceptions(manager, counselorId, query.from ? new Date(query.from) : null, query);
    return toPage(rows, query, (r) => [r.startsAt.toISOString(), r.id], exceptionView);
  }

  async getException(caller: Caller, counselorId: string, exceptionId: string): Promise<AvailabilityExceptionView> {
    const manager = this.dataSource.manager;
    await this.counselorOf(manager, caller, counselorId);
    const exception = await this.availability.findException(manager, counselorId, exceptionId);
    if (!exception) throw exceptionNotFound();
    return exceptionView(exception);
  }

  async createException(caller: Caller, counselorId: string, dto: CreateAvailabilityExceptionDto): Promise<AvailabilityExceptionView> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    if (endsAt.getTime() <= startsAt.getTime()) throw validationProblem([{ field: 'endsAt', message: 'must be after startsAt' }]);
    if (endsAt.getTime() - startsAt.getTime() > MAX_EXCEPTION_DAYS * 86_400_000) {
      throw validationProblem([{ field: 'endsAt', message: `must be at most ${MAX_EXCEPTION_DAYS} days after startsAt` }]);
    }
    if (dto.kind === 'leave' && (dto.mode !== undefined || dto.place !== undefined)) {
      throw validationProblem([{ field: dto.mode !== undefined ? 'mode' : 'place', message: 'is for extra hours only' }]);
    }
    return this.dataSource.transaction(async (manager) => {
      await this.manageable(manager, caller, counselorId);
      const exception = await this.availability.insertException(manager, {
        schoolId: caller.schoolId,
        counselorId,
        kind: dto.kind,
        startsAt,
        endsAt,
        mode: dto.mode ?? null,
        place: dto.place ?? null,
        createdBy: caller.userId,
        at: this.clock.now(),
      });
      await this.audit.record(manager, caller, { action: 'availability_exception.create', entityType: 'availability_exception', entityId: exception.id });
      return exceptionView(exception);
    });
  }

  async deleteException(caller: Caller, counselorId: string, exceptionId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.manageable(manager, caller, counselorId);
      if (!(await this.availability.delete(manager, 'counselor_availability_exceptions', counselorId, exceptionId))) {
        throw exceptionNotFound();
      }
      await this.audit.record(manager, caller, { action: 'availability_exception.delete', entityType: 'availability_exception', entityId: exceptionId });
    });
  }

  /** One's own availability, or anyone's for the head of counseling; 404 otherwise. */
  private async manageable(manager: EntityManager, caller: Caller, counselorId: string): Promise<void> {
    if (caller.userId !== counselorId && caller.role !== 'counseling_lead') throw counselorNotFound();
    await this.counselorOf(manager, caller, counselorId);
  }
}

const ruleNotFound = () => new NotFoundProblem('availability_rule.not_found', 'No such availability rule');
const exceptionNotFound = () => new NotFoundProblem('availability_exception.not_found', 'No such availability exception');

function ruleView(row: RuleRow): AvailabilityRuleView {
  return {
    id: row.id,
    counselorId: row.counselorId,
    weekday: row.weekday,
    startTime: timeOf(row.startMinute),
    endTime: timeOf(row.endMinute),
    mode: row.mode,
    place: row.place,
    createdAt: row.createdAt,
  };
}

function exceptionView(row: ExceptionRow): AvailabilityExceptionView {
  return { id: row.id, counselorId: row.counselorId, kind: row.kind, startsAt: row.startsAt, endsAt: row.endsAt, mode: row.mode, place: row.place, createdAt: row.createdAt };
}
