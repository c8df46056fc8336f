import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, ConflictProblem, NotFoundProblem, pickChanges, validationProblem } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { FieldCipher } from '#crypto';
import { MessagingConfig } from '#messaging';
import { daysBetween } from '../windows/zone-dates.js';
import type { CreateDutyShiftDto, DutyRosterGap, DutyRosterQuery, DutyShiftView, UpdateDutyShiftDto } from './duty-roster.dtos.js';
import { type DutyShiftRow, DutyShiftRepository } from './duty-shift.repository.js';

const NOTES_BINDING = (shiftId: string) => ({ table: 'duty_shifts', column: 'handover_notes', rowId: shiftId });

/** Handover notes may mention students: administrators and the people who stand duty read them. */
const NOTES_READERS = new Set(['admin', 'counseling_lead', 'duty_officer']);
const MAX_RANGE_DAYS = 366;

const shiftNotFound = () => new NotFoundProblem('duty_shift.not_found', 'No such duty shift');
const versionConflict = () => new ConflictProblem('duty_shift.version_conflict', 'The shift changed since you read it; reload and try again');

/** Who is on duty on each holiday day: administrators plan it, officers confirm they are reachable. */
@Injectable()
export class DutyRosterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly shifts: DutyShiftRepository,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly messaging: MessagingConfig,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller, query: DutyRosterQuery): Promise<{ items: DutyShiftView[] }> {
    const days = daysBetween(query.from, query.to);
    if (days < 0) throw validationProblem([{ field: 'to', message: 'must not be before from' }]);
    if (days > MAX_RANGE_DAYS) throw validationProblem([{ field: 'to', message: `must be within ${MAX_RANGE_DAYS} days of from` }]);
    const rows = await this.shifts.listBetween(caller.schoolId, { from: query.from, to: query.to, officerId: query.mine ? caller.userId : undefined });
    return { items: rows.map((row) => this.viewFor(caller, row)) };
  }

  async gaps(caller: Caller, holidayId: string): Promise<{ items: DutyRosterGap[] }> {
    const on = { email: this.messaging.emailConfigured(), sms: this.messaging.smsConfigured() };
    const gaps = await this.shifts.gapsOfHoliday(caller.schoolId, holidayId, this.clock.now(), on);
    if (!gaps) throw new NotFoundProblem('holiday.not_found', 'No such holiday');
    return { items: gaps };
  }

  async get(caller: Caller, shiftId: string): Promise<DutyShiftView> {
    const row = await this.shifts.findInSchool(caller.schoolId, shiftId);
    if (!row) throw shiftNotFound();
    return this.viewFor(caller, row);
  }

  async create(caller: Caller, dto: CreateDutyShiftDto): Promise<DutyShiftView> {
    return this.dataSource.transaction(async (manager) => {
      const id = randomUUID();
      await this.shifts.insert(manager, {
        id,
        schoolId: caller.schoolId,
        dutyDate: dto.dutyDate,
        shift: dto.shift,
        officerId: dto.officerId,
        phone: dto.phone,
        handoverNotes: dto.handoverNotes ? this.cipher.encrypt(dto.handoverNotes, NOTES_BINDING(id)) : null,
        at: this.clock.now(),
      });
      await this.audit.record(manager, caller, { action: 'duty_shift.create', entityType: 'duty_shift', entityId: id, changedFields: Object.keys(dto) });
      return this.viewFor(caller, (await this.shifts.findInSchool(caller.schoolId, id, manager))!);
    });
  }

  async update(caller: Caller, shiftId: string, version: number, dto: UpdateDutyShiftDto): Promise<DutyShiftView> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.shifts.findInSchool(caller.schoolId, shiftId, manager);
      if (!current) throw shiftNotFound();
      if (current.version !== version) throw versionConflict();
      const currentNotes = current.handoverNotes && this.cipher.decrypt(current.handoverNotes, NOTES_BINDING(shiftId));
      const changes = pickChanges({ ...current, handoverNotes: currentNotes }, { officerId: dto.officerId, phone: dto.phone, handoverNotes: dto.handoverNotes });
      const changedFields = Object.keys(changes);
      if (changedFields.length === 0) return this.viewFor(caller, current);
      if (changes.handoverNotes) changes.handoverNotes = this.cipher.encrypt(changes.handoverNotes, NOTES_BINDING(shiftId));
      if (!(await this.shifts.updateAtVersion(manager, caller.schoolId, shiftId, version, changes, this.clock.now()))) throw versionConflict();
      await this.audit.record(manager, caller, { action: 'duty_shift.update', entityType: 'duty_shift', entityId: shiftId, changedFields });
      return this.viewFor(caller, (await this.shifts.findInSchool(caller.schoolId, shiftId, manager))!);
    });
  }

  /** The officer of the shift says they can be reached; someone else's shift answers 404. */
  async confirmReachable(caller: Caller, shiftId: string): Promise<DutyShiftView> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.shifts.confirmReachable(manager, caller.schoolId, shiftId, caller.userId, this.clock.now()))) throw shiftNotFound();
      await this.audit.record(manager, caller, { action: 'duty_shift.confirm_reachable', entityType: 'duty_shift', entityId: shiftId, changedFields: ['lastConfirmedReachableAt'] });
    });
    return this.get(caller, shiftId);
  }

  private viewFor(caller: Caller, row: DutyShiftRow): DutyShiftView {
    const readsNotes = NOTES_READERS.has(caller.role) && row.handoverNotes !== null;
    return { ...row, handoverNotes: readsNotes ? this.cipher.decrypt(row.handoverNotes!, NOTES_BINDING(row.id)) : null };
  }
}
