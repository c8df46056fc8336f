import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock, NotFoundProblem, type Page, toPage } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { FieldCipher } from '#crypto';
import { type CaseAccess, CaseAccessRepository, type CaseRow, grantOf } from '../access/case-access.repository.js';
import { caseNotFound } from '../case-problems.js';
import { CaseEventRepository } from '../timeline/case-event.repository.js';
import type { AddCaseNoteDto, CaseNoteListQuery, CaseNoteReceipt, CaseNoteView } from './case-note.dto.js';
import { CaseNoteRepository, type CaseNoteRow } from './case-note.repository.js';

const bodyBinding = (noteId: string) => ({ table: 'case_notes', column: 'body', rowId: noteId });

const noteNotFound = () => new NotFoundProblem('case_note.not_found', 'No such note in this case');

/**
 * Case notes by the team: encrypted at rest, never edited (a correction is a new note), and every
 * read recorded in the audit trail, with the break-glass grant when read through one.
 */
@Injectable()
export class CaseNotesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseAccessRepository,
    private readonly notes: CaseNoteRepository,
    private readonly events: CaseEventRepository,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  async add(caller: Caller, caseId: string, dto: AddCaseNoteDto): Promise<CaseNoteReceipt> {
    return this.dataSource.transaction(async (manager) => {
      const { row, access } = await this.access.requireAccessible(manager, caller, caseId, this.clock.now(), { lock: true });
      const id = randomUUID();
      const at = this.clock.now();
      await this.notes.insert(manager, {
        id,
        schoolId: row.schoolId,
        caseId: row.id,
        authorId: caller.userId,
        body: this.cipher.encrypt(dto.body, bodyBinding(id)),
        at,
      });
      await this.events.append(manager, { schoolId: row.schoolId, caseId: row.id, kind: 'note_added', actorId: caller.userId, at, data: { noteId: id } });
      await this.audit.record(manager, caller, {
        action: 'case_note.create',
        entityType: 'case_note',
        entityId: id,
        studentId: row.studentId,
        changedFields: ['body'],
        breakGlassGrantId: grantOf(access),
      });
      const { body: _encrypted, ...receipt } = await this.mustFind(manager, row.id, id);
      return receipt;
    });
  }

  async list(caller: Caller, caseId: string, query: CaseNoteListQuery): Promise<Page<CaseNoteView>> {
    return this.read(caller, caseId, async (manager, row) => {
      const rows = await this.notes.listOfCase(manager, row.id, query);
      return toPage(rows, query, (r) => [r.createdAt.toISOString(), r.id], (r) => this.viewOf(r));
    });
  }

  async get(caller: Caller, caseId: string, noteId: string): Promise<CaseNoteView> {
    return this.read(caller, caseId, async (manager, row) => this.viewOf(await this.mustFind(manager, row.id, noteId)));
  }

  /**
   * Reads notes of a case the caller reaches and records the read in the same transaction; a
   * refused read is recorded too, as not found, so probing for cases leaves a trace.
   */
  private async read<T>(caller: Caller, caseId: string, work: (manager: EntityManager, row: CaseRow) => Promise<T>): Promise<T> {
    const found = await this.dataSource.transaction(async (manager) => {
      const reached = await this.access.findAccessible(manager, caller, caseId, this.clock.now());
      if (!reached) return null;
      const result = await work(manager, reached.row);
      await this.audit.record(manager, caller, this.readEntry(reached.row, reached.access));
      return { result };
    });
    if (found) return found.result;
    await this.audit.recordAlone(caller, { action: 'case_note.read', outcome: 'not_found', entityType: 'case', entityId: caseId });
    throw caseNotFound();
  }

  private readEntry(row: CaseRow, access: CaseAccess) {
    return { action: 'case_note.read', entityType: 'case', entityId: row.id, studentId: row.studentId, breakGlassGrantId: grantOf(access) };
  }

  private async mustFind(manager: EntityManager, caseId: string, noteId: string): Promise<CaseNoteRow> {
    const note = await this.notes.findInCase(manager, caseId, noteId);
    if (!note) throw noteNotFound();
    return note;
  }

  private viewOf(row: CaseNoteRow): CaseNoteView {
    return { ...row, body: this.cipher.decrypt(row.body, bodyBinding(row.id)) };
  }
}
