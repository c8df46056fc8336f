import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What a campaign names, as the school has it. */
export interface FoundReferences {
  gradeIds: string[];
  classIds: string[];
  counselorIds: string[];
  instruments: { id: string; code: string; active: boolean }[];
}

export interface RequestedReferences {
  gradeIds: string[];
  classIds: string[];
  counselorIds: string[];
  instrumentIds: string[];
}

/** Looks up, in one statement, which of the named grades, classes, counselors and instruments exist for the school. */
@Injectable()
export class CampaignReferencesRepository {
  async find(manager: EntityManager, schoolId: string, requested: RequestedReferences): Promise<FoundReferences> {
    const [found] = await manager.query<FoundReferences[]>(
      `SELECT
         ARRAY(SELECT g.id::text FROM grades g WHERE g.school_id = $1 AND g.id = ANY($2::uuid[])) AS "gradeIds",
         ARRAY(SELECT c.id::text FROM classes c WHERE c.school_id = $1 AND c.id = ANY($3::uuid[])) AS "classIds",
         ARRAY(SELECT u.id::text FROM users u
                WHERE u.school_id = $1 AND u.id = ANY($4::uuid[]) AND u.active AND u.role IN ('counselor', 'counseling_lead')) AS "counselorIds",
         (SELECT COALESCE(jsonb_agg(jsonb_build_object('id', i.id, 'code', i.code, 'active', i.active)), '[]'::jsonb)
            FROM screening_instruments i WHERE i.id = ANY($5::uuid[])) AS instruments`,
      [schoolId, requested.gradeIds, requested.classIds, requested.counselorIds, requested.instrumentIds],
    );
    return found;
  }
}
