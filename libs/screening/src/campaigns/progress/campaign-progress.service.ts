import { Injectable } from '@nestjs/common';
import { type Page, type PageQuery, toPage, type Uuid } from '#core';
import type { Caller } from '#access';
import { campaignNotFound } from '../campaign-problems.js';
import { CampaignRepository } from '../campaign.repository.js';
import type { PendingStudentsQuery } from '../dtos/pending-students.query.js';
import { type CampaignAwaitingAnswers, type ClassProgress, CampaignProgressRepository, type PendingStudentView } from './campaign-progress.repository.js';

/** A campaign's invitations: how many were issued and answered, in all and per class. */
export interface CampaignProgress {
  campaignId: Uuid;
  invited: number;
  submitted: number;
  classes: ClassProgress[];
}

/** How far a campaign has got: counts for counselors and administrators, names to remind for class teachers. */
@Injectable()
export class CampaignProgressService {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly progress: CampaignProgressRepository,
  ) {}

  async progressOf(caller: Caller, campaignId: string): Promise<CampaignProgress> {
    await this.requireCampaign(caller, campaignId);
    const classes = await this.progress.perClass(caller.schoolId, campaignId);
    return {
      campaignId,
      invited: classes.reduce((sum, c) => sum + c.invited, 0),
      submitted: classes.reduce((sum, c) => sum + c.submitted, 0),
      classes,
    };
  }

  async pendingStudents(caller: Caller, campaignId: string, query: PendingStudentsQuery): Promise<Page<PendingStudentView>> {
    await this.requireCampaign(caller, campaignId);
    const rows = await this.progress.pending(caller, campaignId, { classId: query.classId }, query);
    return toPage(
      rows,
      query,
      (r) => [r.gradeName, r.className, r.studentNumber, r.invitationId],
      ({ invitationId: _invitationId, ...student }) => student,
    );
  }

  /** Which open campaigns still wait for students the caller may remind (a teacher: of their current classes). */
  async openWithPending(caller: Caller, query: PageQuery): Promise<Page<CampaignAwaitingAnswers>> {
    const rows = await this.progress.openWithPending(caller, query);
    return toPage(rows, query, (r) => [r.closesAt.toISOString(), r.campaignId]);
  }

  private async requireCampaign(caller: Caller, campaignId: string): Promise<void> {
    if (!(await this.campaigns.findMembership(caller.schoolId, campaignId, caller.userId))) throw campaignNotFound();
  }
}
