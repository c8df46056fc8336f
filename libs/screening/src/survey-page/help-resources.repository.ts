import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type HelpResource, helpResourcesOf } from './help-resources.js';

@Injectable()
export class HelpResourcesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The school's configured resources, or the general ones when it has none. */
  async resourcesOfSchool(schoolId: string): Promise<HelpResource[]> {
    const rows = await this.dataSource.query<{ resources: unknown }[]>(`SELECT resources FROM school_help_resources WHERE school_id = $1`, [schoolId]);
    return helpResourcesOf(rows[0]?.resources);
  }
}
