import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '#core';
import type { Caller } from '#access';
import { CampaignInstrumentRepository } from '../../campaigns/campaign-instrument.repository.js';
import { campaignNotFound, campaignNotOpened } from '../../campaigns/campaign-problems.js';
import { CampaignRepository } from '../../campaigns/campaign.repository.js';
import { InvitationRepository } from '../../campaigns/invitations/invitation.repository.js';
import { responseImportInvalid } from '../response-problems.js';
import { ResponseRecorder } from '../response-recorder.service.js';
import { ResponseRepository } from '../response.repository.js';
import { readResponseImportFile } from './response-import-file.js';
import { readResponseImportRows, studentNumbersOf } from './response-import-rows.js';

/** How many responses a CSV import stored. */
export interface ResponseImportSummary {
  imported: number;
}

/**
 * Results from another testing platform, as CSV: every row checked and every error reported
 * with its row number, then all rows stored through ResponseRecorder (set-based) in one
 * transaction, or none.
 */
@Injectable()
export class ResponseImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: CampaignRepository,
    private readonly instruments: CampaignInstrumentRepository,
    private readonly invitations: InvitationRepository,
    private readonly responses: ResponseRepository,
    private readonly recorder: ResponseRecorder,
    private readonly clock: Clock,
  ) {}

  async importCsv(caller: Caller, campaignId: string, text: string): Promise<ResponseImportSummary> {
    return this.dataSource.transaction(async (manager) => {
      const campaign = await this.campaigns.findMembership(caller.schoolId, campaignId, caller.userId, manager);
      if (!campaign?.inTeam) throw campaignNotFound();
      if (campaign.status === 'draft') throw campaignNotOpened();
      const instruments = await this.instruments.instrumentsOf(campaignId, manager);
      const file = readResponseImportFile(text, instruments);
      if (Array.isArray(file)) throw responseImportInvalid(file);

      const invitations = await this.invitations.findForStudents(manager, campaignId, { numbers: studentNumbersOf(file) });
      const answered = await this.responses.answeredPairs(manager, invitations.map((i) => i.invitationId));
      const byNumber = new Map(invitations.map((i) => [i.studentNumber, i]));
      const { responses, errors } = readResponseImportRows(file, {
        instruments,
        window: campaign,
        now: this.clock.now(),
        invitationOf: (studentNumber) => byNumber.get(studentNumber),
        alreadyAnswered: (invitationId, instrumentId) => answered.has(`${invitationId}:${instrumentId}`),
      });
      if (errors.length > 0) throw responseImportInvalid(errors);

      await this.recorder.record(manager, caller, { schoolId: caller.schoolId, campaignId, source: 'import', enteredBy: caller.userId, responses });
      return { imported: responses.length };
    });
  }
}
