import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock, ConflictProblem, NotFoundProblem, type Page, type PageQuery, toPage } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { FieldCipher } from '#crypto';
import { appointmentNotFound } from '../appointments/appointment-problems.js';
import type { SessionNoteView, WriteSessionNoteDto } from './session-notes.dtos.js';
import { type SessionAccessRow, SessionNoteRepository, type SessionNoteRow } from './session-note.repository.js';

export const noteBodyBinding = (noteId: string) => ({ table: 'session_notes', column: 'body', rowId: noteId });

/** Notes belong to sessions that took place or are taking place. */
const NOTED_STATUSES = new Set(['scheduled', 'completed', 'no_show']);

type ReadAccess = { via: 'counselor' | 'case_team' } | { via: 'break_glass'; grantId: string };

/**
 * Session notes: written by the session's counselor, read by them, the student's open-case team,
 * or through break-glass; anyone else (a class teacher included) gets 404, like a missing
 * session. Every read is audited, refused ones too; the text never enters the audit trail.
 */
@Injectable()
export class SessionNotesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notes: SessionNoteRepository,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  async write(caller: Caller, appointmentId: string, dto: WriteSessionNoteDto): Promise<SessionNoteView> {
    return this.dataSource.transaction(async (manager) => {
      const at = this.clock.now();
      const session = await this.notes.findAccess(manager, caller, appointmentId, at);
      if (!session?.isCounselor) throw appointmentNotFound();
      if (!NOTED_STATUSES.has(session.status)) {
        throw new ConflictProblem('session_note.session_not_held', `A ${session.status} appointment takes no notes`);
      }
      const id = randomUUID();
      await this.notes.insert(manager, { id, schoolId: caller.schoolId, appointmentId, authorId: caller.userId, body: this.cipher.encrypt(dto.body, noteBodyBinding(id)), at });
      await this.audit.record(manager, caller, { action: 'session_note.create', entityType: 'session_note', entityId: id, studentId: session.studentId });
      return this.viewOf((await this.notes.find(manager, appointmentId, id)) as SessionNoteRow);
    });
  }

  async list(caller: Caller, appointmentId: string, page: PageQuery): Promise<Page<SessionNoteView>> {
    return this.read(caller, appointmentId, null, async (manager) => {
      const rows = await this.notes.listOf(manager, appointmentId, page);
      return toPage(rows, page, (r) => [r.createdAt.toISOString(), r.id], (r) => this.viewOf(r));
    });
  }

  async get(caller: Caller, appointmentId: string, noteId: string): Promise<SessionNoteView> {
    return this.read(caller, appointmentId, noteId, async (manager) => {
      const row = await this.notes.find(manager, appointmentId, noteId);
      if (!row) throw new NotFoundProblem('session_note.not_found', 'No such session note');
      return this.viewOf(row);
    });
  }

  /** Lets the caller in (or not), audits the attempt either way, then reads. */
  private async read<T>(caller: Caller, appointmentId: string, noteId: string | null, reading: (manager: EntityManager) => Promise<T>): Promise<T> {
    const session = await this.notes.findAccess(this.dataSource.manager, caller, appointmentId, this.clock.now());
    const access = session ? readAccessOf(session) : null;
    const entry = { action: 'session_note.read', entityType: noteId ? 'session_note' : 'appointment', entityId: noteId ?? appointmentId, studentId: session?.studentId };
    if (!access) {
      await this.audit.recordAlone(caller, { ...entry, outcome: 'not_found' });
      throw appointmentNotFound();
    }
    return this.dataSource.transaction(async (manager) => {
      const result = await reading(manager);
      await this.audit.record(manager, caller, { ...entry, ...(access.via === 'break_glass' ? { breakGlassGrantId: access.grantId } : {}) });
      return result;
    });
  }

  private viewOf(row: SessionNoteRow): SessionNoteView {
    return { ...row, body: this.cipher.decrypt(row.body, noteBodyBinding(row.id)) };
  }
}

function readAccessOf(session: SessionAccessRow): ReadAccess | null {
  if (session.isCounselor) return { via: 'counselor' };
  if (session.onCaseTeam) return { via: 'case_team' };
  if (session.grantId) return { via: 'break_glass', grantId: session.grantId };
  return null;
}
