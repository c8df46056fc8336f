import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, ConflictProblem, NotFoundProblem, type Page, pickChanges, toPage, validationProblem } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import type { CalendarListQuery, CreateHolidayDto, CreateTermDto, HolidayView, TermView, UpdateHolidayDto, UpdateTermDto } from './calendar.dtos.js';
import { CalendarPeriodRepository, type PeriodTable } from './calendar-period.repository.js';

/** What differs between terms and holidays: the table, and the words in codes and the audit trail. */
interface PeriodKind {
  table: PeriodTable;
  entity: 'term' | 'holiday';
}
const TERM: PeriodKind = { table: 'school_terms', entity: 'term' };
const HOLIDAY: PeriodKind = { table: 'school_holidays', entity: 'holiday' };

function checkOrder(startsOn: string, endsOn: string): void {
  if (endsOn < startsOn) throw validationProblem([{ field: 'endsOn', message: 'must not be before startsOn' }]);
}

/** The school's terms and holidays: administrators write them (audited), all staff read them. */
@Injectable()
export class CalendarPeriodsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly periods: CalendarPeriodRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  listTerms = (caller: Caller, query: CalendarListQuery) => this.list<TermView>(TERM, caller, query);
  getTerm = (caller: Caller, id: string) => this.get<TermView>(TERM, caller, id);
  createTerm = (caller: Caller, dto: CreateTermDto) => this.create<TermView>(TERM, caller, dto);
  updateTerm = (caller: Caller, id: string, version: number, dto: UpdateTermDto) => this.update<TermView>(TERM, caller, id, version, dto);

  listHolidays = (caller: Caller, query: CalendarListQuery) => this.list<HolidayView>(HOLIDAY, caller, query);
  getHoliday = (caller: Caller, id: string) => this.get<HolidayView>(HOLIDAY, caller, id);
  createHoliday = (caller: Caller, dto: CreateHolidayDto) => this.create<HolidayView>(HOLIDAY, caller, dto);
  updateHoliday = (caller: Caller, id: string, version: number, dto: UpdateHolidayDto) => this.update<HolidayView>(HOLIDAY, caller, id, version, dto);

  private async list<T extends TermView>(kind: PeriodKind, caller: Caller, query: CalendarListQuery): Promise<Page<T>> {
    const rows = await this.periods.listOfSchool<T>(kind.table, caller.schoolId, query);
    return toPage(rows, query, (r) => [r.startsOn, r.id]);
  }

  private async get<T extends TermView>(kind: PeriodKind, caller: Caller, id: string): Promise<T> {
    const period = await this.periods.findInSchool<T>(kind.table, caller.schoolId, id);
    if (!period) throw notFound(kind);
    return period;
  }

  private async create<T extends TermView>(kind: PeriodKind, caller: Caller, dto: CreateTermDto & { kind?: string }): Promise<T> {
    checkOrder(dto.startsOn, dto.endsOn);
    return this.dataSource.transaction(async (manager) => {
      const id = await this.periods.insert(manager, kind.table, { ...dto, schoolId: caller.schoolId, at: this.clock.now() });
      await this.audit.record(manager, caller, { action: `${kind.entity}.create`, entityType: kind.entity, entityId: id, changedFields: Object.keys(dto) });
      return (await this.periods.findInSchool<T>(kind.table, caller.schoolId, id, manager))!;
    });
  }

  private async update<T extends TermView>(kind: PeriodKind, caller: Caller, id: string, version: number, dto: UpdateHolidayDto): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.periods.findInSchool<T & { kind?: string }>(kind.table, caller.schoolId, id, manager);
      if (!current) throw notFound(kind);
      if (current.version !== version) throw versionConflict(kind);
      const changes = pickChanges(current as HolidayView, { name: dto.name, startsOn: dto.startsOn, endsOn: dto.endsOn, kind: kind.table === 'school_holidays' ? dto.kind : undefined });
      const changedFields = Object.keys(changes);
      if (changedFields.length === 0) return current;
      checkOrder(changes.startsOn ?? current.startsOn, changes.endsOn ?? current.endsOn);
      if (!(await this.periods.updateAtVersion(manager, kind.table, caller.schoolId, id, version, changes, this.clock.now()))) throw versionConflict(kind);
      await this.audit.record(manager, caller, { action: `${kind.entity}.update`, entityType: kind.entity, entityId: id, changedFields });
      return (await this.periods.findInSchool<T>(kind.table, caller.schoolId, id, manager))!;
    });
  }
}

const notFound = (kind: PeriodKind) => new NotFoundProblem(`${kind.entity}.not_found`, `No such ${kind.entity}`);
const versionConflict = (kind: PeriodKind) =>
  new ConflictProblem(`${kind.entity}.version_conflict`, `The ${kind.entity} changed since you read it; reload and try again`);
