import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SqlParameters } from '#org';
import { SurveyTokens } from '../../survey/survey-tokens.js';

export interface InvitationListRow {
  id: string;
  studentNumber: string;
  name: string;
  gradeName: string;
  className: string;
}

export interface StudentInvitation {
  invitationId: string;
  studentId: string;
  studentNumber: string;
}

/** How a used invitation was used: when, and the digest of the student's submission (null when used otherwise). */
export interface SurveySubmission {
  usedAt: Date;
  submissionDigest: Buffer | null;
}

@Injectable()
export class InvitationRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: SurveyTokens,
  ) {}

  /**
   * Invites every enrolled student of the campaign's target grades and classes in one
   * INSERT ... SELECT, with each token's hash derived in SQL from the new row's id: no round
   * trip per student, however many there are. Answers how many were issued.
   */
  async issueForCampaign(manager: EntityManager, schoolId: string, campaignId: string): Promise<number> {
    const p = new SqlParameters();
    const school = `${p.bind(schoolId)}::uuid`;
    const campaign = `${p.bind(campaignId)}::uuid`;
    const [{ issued }] = await manager.query<{ issued: number }[]>(
      `WITH targeted AS (
         SELECT gen_random_uuid() AS id, s.id AS student_id
           FROM students s JOIN classes c ON c.id = s.class_id
          WHERE s.school_id = ${school} AND s.status = 'enrolled'
            AND EXISTS (SELECT 1 FROM screening_campaign_targets t
                         WHERE t.campaign_id = ${campaign} AND (t.class_id = s.class_id OR t.grade_id = c.grade_id))
       ),
       inserted AS (
         INSERT INTO screening_invitations (id, school_id, campaign_id, student_id, token_hash)
         SELECT t.id, ${school}, ${campaign}, t.student_id, ${this.tokens.hashSql('t.id', p.bind)} FROM targeted t
         ON CONFLICT (campaign_id, student_id) DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS issued FROM inserted`,
      p.values,
    );
    return issued;
  }

  /** For the distribution list: by grade, class, then student number. */
  listForExport(schoolId: string, campaignId: string): Promise<InvitationListRow[]> {
    return this.dataSource.query<InvitationListRow[]>(
      `SELECT i.id, s.student_number AS "studentNumber", s.name, g.name AS "gradeName", c.name AS "className"
         FROM screening_invitations i
         JOIN students s ON s.id = i.student_id JOIN classes c ON c.id = s.class_id JOIN grades g ON g.id = c.grade_id
        WHERE i.campaign_id = $1 AND i.school_id = $2
        ORDER BY g.sort_order, g.name, c.name, s.student_number`,
      [campaignId, schoolId],
    );
  }

  /** The campaign's invitations of these students, by student id or by student number. */
  findForStudents(
    manager: EntityManager,
    campaignId: string,
    students: { ids?: string[]; numbers?: string[] },
  ): Promise<StudentInvitation[]> {
    return manager.query<StudentInvitation[]>(
      `SELECT i.id AS "invitationId", s.id AS "studentId", s.student_number AS "studentNumber"
         FROM screening_invitations i JOIN students s ON s.id = i.student_id
        WHERE i.campaign_id = $1 AND (s.id = ANY($2::uuid[]) OR s.student_number = ANY($3::text[]))`,
      [campaignId, students.ids ?? [], students.numbers ?? []],
    );
  }

  /**
   * Uses up a pending invitation for the student's own survey, keeping the digest of what was
   * submitted; false when it was not pending. The row lock makes two simultaneous submissions of
   * one token serialise here: the second sees the first's `used` and gets false.
   */
  async claim(manager: EntityManager, invitationId: string, at: Date, digest: Buffer): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `WITH claimed AS (
         UPDATE screening_invitations SET status = 'used', used_at = $2, submission_digest = $3 WHERE id = $1 AND status = 'pending' RETURNING id)
       SELECT id FROM claimed`,
      [invitationId, at, digest],
    );
    return rows.length > 0;
  }

  /** When the student's own submission used the invitation, and the digest of what it said (null: used otherwise). */
  async findSubmission(manager: EntityManager, invitationId: string): Promise<SurveySubmission | null> {
    const rows = await manager.query<SurveySubmission[]>(
      `SELECT used_at AS "usedAt", submission_digest AS "submissionDigest" FROM screening_invitations WHERE id = $1 AND status = 'used'`,
      [invitationId],
    );
    return rows[0] ?? null;
  }

  /** Results entered by counselors use the invitations up too: the student's token no longer opens the survey. */
  async markUsed(manager: EntityManager, invitationIds: string[], at: Date): Promise<void> {
    await manager.query(
      `WITH used AS (
         UPDATE screening_invitations SET status = 'used', used_at = $2 WHERE id = ANY($1::uuid[]) AND status = 'pending' RETURNING id)
       SELECT count(*) FROM used`,
      [invitationIds, at],
    );
  }
}
