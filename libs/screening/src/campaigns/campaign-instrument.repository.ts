import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { InstrumentDefinition } from '../instruments/instrument-definition.js';

/** An instrument version a campaign asks, with the definition its answers are checked and scored against. */
export interface CampaignInstrument {
  id: string;
  code: string;
  version: number;
  nameZh: string;
  nameEn: string;
  definition: InstrumentDefinition;
}

@Injectable()
export class CampaignInstrumentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** In the order the survey shows them. */
  instrumentsOf(campaignId: string, manager: EntityManager = this.dataSource.manager): Promise<CampaignInstrument[]> {
    return manager.query<CampaignInstrument[]>(
      `SELECT i.id, i.code, i.version, i.name_zh AS "nameZh", i.name_en AS "nameEn", i.definition
         FROM screening_campaign_instruments ci JOIN screening_instruments i ON i.id = ci.instrument_id
        WHERE ci.campaign_id = $1
        ORDER BY ci.position`,
      [campaignId],
    );
  }
}
