import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type HelpResource, helpResourcesOf } from './help-resources.js';

/** The school's stored list as it is, before any general help lines stand in for an empty one. */
export interface StoredHelpResources {
  resources: HelpResource[];
  /** 1 while the school has never saved a list. */
  version: number;
}

@Injectable()
export class HelpResourcesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The school's configured resources, or the general ones when it has none. */
  async resourcesOfSchool(schoolId: string): Promise<HelpResource[]> {
    const rows = await this.dataSource.query<{ resources: unknown }[]>(`SELECT resources FROM school_help_resources WHERE school_id = $1`, [schoolId]);
    return helpResourcesOf(rows[0]?.resources);
  }

  async findStored(schoolId: string, manager: EntityManager = this.dataSource.manager): Promise<StoredHelpResources> {
    const rows = await manager.query<StoredHelpResources[]>(`SELECT resources, version FROM school_help_resources WHERE school_id = $1`, [schoolId]);
    return rows[0] ?? { resources: [], version: 1 };
  }

  /**
   * Replaces the list only at the expected version (the first save inserts it at version 2);
   * null when another edit came first.
   */
  async replaceAtVersion(manager: EntityManager, schoolId: string, resources: HelpResource[], version: number, now: Date): Promise<StoredHelpResources | null> {
    const rows = await manager.query<StoredHelpResources[]>(
      `INSERT INTO school_help_resources AS h (school_id, resources, updated_at, version) VALUES ($1, $2::jsonb, $3, 2)
       ON CONFLICT (school_id) DO UPDATE SET resources = EXCLUDED.resources, updated_at = EXCLUDED.updated_at, version = h.version + 1
         WHERE h.version = $4
       RETURNING resources, version`,
      [schoolId, JSON.stringify(resources), now, version],
    );
    return rows[0] ?? null;
  }
}
