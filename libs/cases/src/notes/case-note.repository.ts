import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decodeCursorAs, type PageQuery, type Uuid } from '#core';

export interface CaseNoteRow {
  id: Uuid;
  caseId: Uuid;
  authorId: Uuid;
  authorName: string;
  /** Still encrypted; the service decrypts. */
  body: string;
  createdAt: Date;
}

const NOTE_COLUMNS = `n.id, n.case_id AS "caseId", n.author_id AS "authorId", u.display_name AS "authorName", n.body, n.created_at AS "createdAt"`;

/** Case notes: inserted, read, never updated or deleted. */
@Injectable()
export class CaseNoteRepository {
  async insert(manager: EntityManager, note: { id: string; schoolId: string; caseId: string; authorId: string; body: string; at: Date }): Promise<void> {
    await manager.query(`INSERT INTO case_notes (id, school_id, case_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      note.id,
      note.schoolId,
      note.caseId,
      note.authorId,
      note.body,
      note.at,
    ]);
  }

  async findInCase(manager: EntityManager, caseId: string, noteId: string): Promise<CaseNoteRow | null> {
    const rows = await manager.query<CaseNoteRow[]>(
      `SELECT ${NOTE_COLUMNS} FROM case_notes n JOIN users u ON u.id = n.author_id WHERE n.id = $1 AND n.case_id = $2`,
      [noteId, caseId],
    );
    return rows[0] ?? null;
  }

  /** Newest first (`case_notes_case_idx`, read backwards). */
  async listOfCase(manager: EntityManager, caseId: string, page: PageQuery): Promise<CaseNoteRow[]> {
    const params: unknown[] = [caseId, page.limit + 1];
    let before = '';
    if (page.cursor) {
      const [createdAt, id] = decodeCursorAs(page.cursor, ['timestamptz', 'uuid']);
      params.push(createdAt, id);
      before = 'AND (n.created_at, n.id) < ($3::timestamptz, $4::uuid)';
    }
    return manager.query<CaseNoteRow[]>(
      `SELECT ${NOTE_COLUMNS} FROM case_notes n JOIN users u ON u.id = n.author_id
        WHERE n.case_id = $1 ${before}
        ORDER BY n.created_at DESC, n.id DESC
        LIMIT $2`,
      params,
    );
  }
}
