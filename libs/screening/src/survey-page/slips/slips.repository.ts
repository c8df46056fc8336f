import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { InvitationStatus } from '../../campaigns/entities/screening-invitation.entity.js';

/** The campaign and class of a slip page, with whether the caller may print it. */
export interface SlipAccess {
  campaignName: string;
  schoolName: string;
  gradeName: string;
  className: string;
  /** On the campaign's team, or a current class teacher of the class. */
  allowed: boolean;
}

export interface SlipRow {
  invitationId: string;
  studentNumber: string;
  name: string;
  status: InvitationStatus;
}

@Injectable()
export class SlipsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Null when the campaign or the class is not of the school: the caller cannot tell that from not being allowed. */
  async findAccess(schoolId: string, campaignId: string, classId: string, userId: string): Promise<SlipAccess | null> {
    const rows = await this.dataSource.query<SlipAccess[]>(
      `SELECT sc.name AS "campaignName", sch.name AS "schoolName", g.name AS "gradeName", cl.name AS "className",
              (EXISTS (SELECT 1 FROM screening_campaign_counselors m WHERE m.campaign_id = sc.id AND m.user_id = $4)
               OR EXISTS (SELECT 1 FROM class_teacher_assignments a
                           WHERE a.class_id = cl.id AND a.school_id = cl.school_id AND a.user_id = $4 AND a.ended_at IS NULL)) AS allowed
         FROM screening_campaigns sc
         JOIN schools sch ON sch.id = sc.school_id
         JOIN classes cl ON cl.id = $3 AND cl.school_id = sc.school_id
         JOIN grades g ON g.id = cl.grade_id
        WHERE sc.id = $1 AND sc.school_id = $2`,
      [campaignId, schoolId, classId, userId],
    );
    return rows[0] ?? null;
  }

  /** The campaign's invitations of the class's current students, by student number: one query however many. */
  listForClass(schoolId: string, campaignId: string, classId: string): Promise<SlipRow[]> {
    return this.dataSource.query<SlipRow[]>(
      `SELECT i.id AS "invitationId", s.student_number AS "studentNumber", s.name, i.status
         FROM screening_invitations i JOIN students s ON s.id = i.student_id
        WHERE i.campaign_id = $1 AND i.school_id = $2 AND s.class_id = $3 AND s.school_id = $2
        ORDER BY s.student_number, s.id`,
      [campaignId, schoolId, classId],
    );
  }
}
