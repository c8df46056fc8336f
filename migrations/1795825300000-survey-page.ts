import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The help resources a school shows on the survey's thank-you page (counseling centre, help
 * lines): one row per school holding an ordered list. A school without a row gets general ones.
 */
export class SurveyPage1795825300000 implements MigrationInterface {
  name = 'SurveyPage1795825300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "school_help_resources" ("school_id" uuid NOT NULL, "resources" jsonb NOT NULL DEFAULT '[]', "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "school_help_resources_pkey" PRIMARY KEY ("school_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "school_help_resources" ADD CONSTRAINT "school_help_resources_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "school_help_resources" TO campus_care_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON "school_help_resources" FROM campus_care_app`);
    await queryRunner.query(`DROP TABLE "school_help_resources"`);
  }
}
