import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock, type FieldError, NotFoundProblem, toPage, validationProblem } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { FieldCipher } from '#crypto';
import { CaseAccessRepository, caseReadEntry, grantOf } from '../access/case-access.repository.js';
import { CaseEventRepository } from '../timeline/case-event.repository.js';
import type { CaseContactListQuery, CaseContactPage, CaseContactView, LogCaseContactDto } from './case-contact.dto.js';
import { CaseContactRepository, type CaseContactRow } from './case-contact.repository.js';

const agreedBinding = (contactId: string) => ({ table: 'case_contacts', column: 'agreed', rowId: contactId });

const contactNotFound = () => new NotFoundProblem('case_contact.not_found', 'No such contact in this case');

/** Clock skew a phone may have; anything later than this is a contact that has not happened. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** Which fields go with which counterpart; everything the DTO alone cannot say. */
function counterpartErrors(dto: LogCaseContactDto): FieldError[] {
  const errors: FieldError[] = [];
  if (dto.counterpart === 'guardian' && !dto.guardianId) errors.push({ field: 'guardianId', message: 'is required for a guardian contact' });
  if (dto.counterpart !== 'guardian' && dto.guardianId) errors.push({ field: 'guardianId', message: 'is only for a guardian contact' });
  if (dto.counterpart === 'other' && !dto.counterpartName) errors.push({ field: 'counterpartName', message: 'is required for another counterpart' });
  if (dto.counterpart !== 'other' && dto.counterpartName) errors.push({ field: 'counterpartName', message: 'is only for another counterpart' });
  if (dto.isGuardianNotification && dto.counterpart !== 'guardian') {
    errors.push({ field: 'isGuardianNotification', message: 'is only for a guardian contact' });
  }
  return errors;
}

/**
 * The log of contacts made for a case: who, when, how, whether they were reached, what was
 * agreed (encrypted). A log: entries are never edited or deleted.
 */
@Injectable()
export class CaseContactsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseAccessRepository,
    private readonly contacts: CaseContactRepository,
    private readonly events: CaseEventRepository,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  async log(caller: Caller, caseId: string, dto: LogCaseContactDto): Promise<CaseContactView> {
    const errors = counterpartErrors(dto);
    const contactedAt = new Date(dto.contactedAt);
    if (contactedAt.getTime() > this.clock.now().getTime() + FUTURE_TOLERANCE_MS) errors.push({ field: 'contactedAt', message: 'must not be in the future' });
    if (errors.length > 0) throw validationProblem(errors);

    return this.dataSource.transaction(async (manager) => {
      const { row, access } = await this.access.requireAccessible(manager, caller, caseId, this.clock.now(), { lock: true });
      if (dto.guardianId && !(await this.contacts.isGuardianOfStudent(manager, row.schoolId, row.studentId, dto.guardianId))) {
        throw validationProblem([{ field: 'guardianId', message: "is not a guardian of the case's student" }]);
      }
      const id = randomUUID();
      const at = this.clock.now();
      const isGuardianNotification = dto.isGuardianNotification ?? false;
      await this.contacts.insert(manager, {
        id,
        schoolId: row.schoolId,
        caseId: row.id,
        counterpart: dto.counterpart,
        guardianId: dto.guardianId ?? null,
        counterpartName: dto.counterpartName ?? null,
        channel: dto.channel,
        outcome: dto.outcome,
        contactedAt,
        isGuardianNotification,
        agreed: dto.agreed ? this.cipher.encrypt(dto.agreed, agreedBinding(id)) : null,
        recordedBy: caller.userId,
        at,
      });
      await this.events.append(manager, {
        schoolId: row.schoolId,
        caseId: row.id,
        kind: 'contact_logged',
        actorId: caller.userId,
        at,
        data: {
          contactId: id,
          counterpart: dto.counterpart,
          guardianId: dto.guardianId ?? null,
          channel: dto.channel,
          outcome: dto.outcome,
          contactedAt: contactedAt.toISOString(),
          isGuardianNotification,
        },
      });
      await this.audit.record(manager, caller, {
        action: 'case_contact.create',
        entityType: 'case_contact',
        entityId: id,
        studentId: row.studentId,
        changedFields: Object.keys(dto),
        breakGlassGrantId: grantOf(access),
      });
      return this.viewOf(await this.mustFind(manager, row.id, id));
    });
  }

  async list(caller: Caller, caseId: string, query: CaseContactListQuery): Promise<CaseContactPage> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.access.requireAccessible(manager, caller, caseId, this.clock.now());
      const rows = await this.contacts.listOfCase(manager, found.row.id, { outcome: query.outcome }, query);
      const summary = await this.contacts.summaryOfCase(manager, found.row.id);
      await this.audit.record(manager, caller, caseReadEntry('case_contact.read', found));
      return { ...toPage(rows, query, (r) => [r.contactedAt.toISOString(), r.id], (r) => this.viewOf(r)), summary };
    });
  }

  async get(caller: Caller, caseId: string, contactId: string): Promise<CaseContactView> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.access.requireAccessible(manager, caller, caseId, this.clock.now());
      const contact = await this.mustFind(manager, found.row.id, contactId);
      await this.audit.record(manager, caller, caseReadEntry('case_contact.read', found));
      return this.viewOf(contact);
    });
  }

  private async mustFind(manager: EntityManager, caseId: string, contactId: string): Promise<CaseContactRow> {
    const contact = await this.contacts.findInCase(manager, caseId, contactId);
    if (!contact) throw contactNotFound();
    return contact;
  }

  private viewOf(row: CaseContactRow): CaseContactView {
    return { ...row, agreed: row.agreed ? this.cipher.decrypt(row.agreed, agreedBinding(row.id)) : null };
  }
}
