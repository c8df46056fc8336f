import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '#core';
import type { Caller } from '#access';
import { CampaignTransitionsService } from '../../campaigns/campaign-transitions.service.js';
import { CampaignsService } from '../../campaigns/campaigns.service.js';
import { SurveyTokens } from '../../survey/survey-tokens.js';

export const DEMO_CAMPAIGN_NAME = '示范问卷 Demo screening (PHQ-9, GAD-7)';
const DEMO_CAMPAIGN_DAYS = 30;

/** Who runs the demo campaign: the demo school and its counselor, by the names the demo seed gives them. */
export interface DemoSurveyOwner {
  schoolCode: string;
  counselorUsername: string;
}

/**
 * A ready-to-open student link of the demo school, for `npm start` to print: an unused invitation
 * of an open demo campaign, which it first creates and opens (through the same services as the
 * API) when there is none left. Only ever called on the embedded demo database.
 */
@Injectable()
export class DemoSurveyLinkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsService,
    private readonly transitions: CampaignTransitionsService,
    private readonly tokens: SurveyTokens,
    private readonly clock: Clock,
  ) {}

  /** The path `/s/{token}` of an unused demo link, or null when the demo school or counselor is missing. */
  async readyLinkPath(owner: DemoSurveyOwner): Promise<string | null> {
    const counselor = await this.demoCounselor(owner);
    if (!counselor) return null;
    const invitationId = (await this.unusedInvitation(counselor.schoolId)) ?? (await this.openCampaign(counselor));
    return invitationId ? `/s/${this.tokens.tokenOf(invitationId)}` : null;
  }

  private async demoCounselor(owner: DemoSurveyOwner): Promise<Caller | null> {
    const [row] = await this.dataSource.query<{ userId: string; schoolId: string }[]>(
      `SELECT u.id AS "userId", u.school_id AS "schoolId" FROM users u JOIN schools s ON s.id = u.school_id
        WHERE s.code = $1 AND u.username = $2 AND u.role = 'counselor' AND u.active`,
      [owner.schoolCode, owner.counselorUsername],
    );
    if (!row) return null;
    return { ...row, role: 'counselor', username: owner.counselorUsername, sessionId: randomUUID(), clientIp: null, requestId: null };
  }

  private async unusedInvitation(schoolId: string): Promise<string | null> {
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `SELECT i.id FROM screening_invitations i
         JOIN screening_campaigns c ON c.id = i.campaign_id JOIN students s ON s.id = i.student_id
        WHERE c.school_id = $1 AND c.name = $2 AND c.status = 'open' AND c.opens_at <= $3 AND c.closes_at > $3 AND i.status = 'pending'
        ORDER BY c.created_at DESC, s.student_number LIMIT 1`,
      [schoolId, DEMO_CAMPAIGN_NAME, this.clock.now()],
    );
    return row?.id ?? null;
  }

  /** A PHQ-9 and GAD-7 campaign for the school's first class, open now for a month. */
  private async openCampaign(counselor: Caller): Promise<string | null> {
    const [firstClass] = await this.dataSource.query<{ id: string }[]>(
      `SELECT c.id FROM classes c JOIN grades g ON g.id = c.grade_id WHERE c.school_id = $1 ORDER BY g.sort_order, c.created_at LIMIT 1`,
      [counselor.schoolId],
    );
    const instruments = await this.dataSource.query<{ id: string }[]>(
      `SELECT DISTINCT ON (code) id FROM screening_instruments WHERE code IN ('phq9', 'gad7') AND active ORDER BY code DESC, version DESC`,
    );
    if (!firstClass || instruments.length === 0) return null;
    const now = this.clock.now();
    const created = await this.campaigns.create(counselor, {
      name: DEMO_CAMPAIGN_NAME,
      opensAt: new Date(now.getTime() - 60_000).toISOString(),
      closesAt: new Date(now.getTime() + DEMO_CAMPAIGN_DAYS * 86_400_000).toISOString(),
      classIds: [firstClass.id],
      instrumentIds: instruments.map((i) => i.id),
      consentTextZh: '这是示范问卷：用于体验学生答题页面。真实问卷会说明用途，结果仅由学校心理教师查看。',
      consentTextEn: 'This is a demo survey, to try the student page. A real survey explains its purpose; only the school counselors see the results.',
    });
    await this.transitions.transition(counselor, created.id, { to: 'open', version: created.version });
    return this.unusedInvitation(counselor.schoolId);
  }
}
