import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictProblem, decodeCursorAs, isUniqueViolation, type PageQuery } from '#core';
import type { TopicView } from './topic.dtos.js';

const TOPIC_COLUMNS = `t.id, t.code, t.name_zh AS "nameZh", t.name_en AS "nameEn", t.required_before_holiday AS "requiredBeforeHoliday",
  t.active, t.sort_order AS "sortOrder", t.school_id IS NULL AS system, t.version, t.created_at AS "createdAt", t.updated_at AS "updatedAt"`;

/** The topics a school sees: the shared system topics and its own. */
const SEEN_BY_SCHOOL = '(t.school_id IS NULL OR t.school_id = $1)';

export type TopicChanges = Partial<Pick<TopicView, 'nameZh' | 'nameEn' | 'requiredBeforeHoliday' | 'active' | 'sortOrder'>>;

export const duplicateCode = () => new ConflictProblem('education_topic.duplicate_code', 'The school already sees a topic with this code');

@Injectable()
export class TopicRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A school sees a few dozen topics at most, so the (school_id, order) index and a sort suffice. */
  listSeenBySchool(schoolId: string, page: PageQuery): Promise<TopicView[]> {
    const params: unknown[] = [schoolId];
    let after = '';
    if (page.cursor) {
      params.push(...decodeCursorAs(page.cursor, ['int', 'text', 'uuid']));
      after = `AND (t.sort_order, t.code, t.id) > ($2::int, $3::text, $4::uuid)`;
    }
    params.push(page.limit + 1);
    return this.dataSource.query(
      `SELECT ${TOPIC_COLUMNS} FROM education_topics t WHERE ${SEEN_BY_SCHOOL} ${after}
        ORDER BY t.sort_order, t.code, t.id LIMIT $${params.length}`,
      params,
    );
  }

  async findSeenBySchool(schoolId: string, topicId: string, manager: EntityManager = this.dataSource.manager): Promise<TopicView | null> {
    const rows = await manager.query<TopicView[]>(`SELECT ${TOPIC_COLUMNS} FROM education_topics t WHERE ${SEEN_BY_SCHOOL} AND t.id = $2`, [
      schoolId,
      topicId,
    ]);
    return rows[0] ?? null;
  }

  /** Which of the ids are active topics the school sees (the others cannot be taught). */
  async activeTopicIds(manager: EntityManager, schoolId: string, topicIds: string[]): Promise<Set<string>> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT t.id FROM education_topics t WHERE ${SEEN_BY_SCHOOL} AND t.active AND t.id = ANY($2::uuid[])`,
      [schoolId, topicIds],
    );
    return new Set(rows.map((row) => row.id));
  }

  async systemCodeExists(manager: EntityManager, code: string): Promise<boolean> {
    const rows = await manager.query('SELECT 1 FROM education_topics WHERE school_id IS NULL AND code = $1', [code]);
    return rows.length > 0;
  }

  async insert(
    manager: EntityManager,
    schoolId: string,
    topic: { code: string; nameZh: string; nameEn: string; requiredBeforeHoliday: boolean; sortOrder: number },
  ): Promise<string> {
    try {
      const rows = await manager.query<{ id: string }[]>(
        `INSERT INTO education_topics (school_id, code, name_zh, name_en, required_before_holiday, sort_order)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [schoolId, topic.code, topic.nameZh, topic.nameEn, topic.requiredBeforeHoliday, topic.sortOrder],
      );
      return rows[0].id;
    } catch (error) {
      if (isUniqueViolation(error, 'education_topics_school_code_key')) throw duplicateCode();
      throw error;
    }
  }

  /** Applies the changes to a school topic still at `version`; false when someone changed it first. */
  async updateAtVersion(manager: EntityManager, schoolId: string, topicId: string, version: number, changes: TopicChanges, at: Date): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `WITH updated AS (
         UPDATE education_topics
            SET name_zh = COALESCE($4, name_zh), name_en = COALESCE($5, name_en),
                required_before_holiday = COALESCE($6, required_before_holiday), active = COALESCE($7, active),
                sort_order = COALESCE($8, sort_order), updated_at = $9, version = version + 1
          WHERE id = $1 AND school_id = $2 AND version = $3
          RETURNING id)
       SELECT id FROM updated`,
      [
        topicId,
        schoolId,
        version,
        changes.nameZh ?? null,
        changes.nameEn ?? null,
        changes.requiredBeforeHoliday ?? null,
        changes.active ?? null,
        changes.sortOrder ?? null,
        at,
      ],
    );
    return rows.length > 0;
  }
}
