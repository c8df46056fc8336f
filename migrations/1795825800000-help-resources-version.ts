import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Administrators now edit a school's help resources through the API: the row carries the version
 * an edit is based on, so two administrators editing at once cannot silently overwrite each other.
 */
export class HelpResourcesVersion1795825800000 implements MigrationInterface {
  name = 'HelpResourcesVersion1795825800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "school_help_resources" ADD "version" integer NOT NULL DEFAULT '1'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "school_help_resources" DROP COLUMN "version"`);
  }
}
