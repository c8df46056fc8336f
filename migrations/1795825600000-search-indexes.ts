import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes two lists were missing: the audit trail filtered by outcome ("every refusal"), and the
 * students' name/number prefix search, which needs text_pattern_ops because the database's
 * collation is not C.
 */
export class SearchIndexes1795825600000 implements MigrationInterface {
  name = 'SearchIndexes1795825600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "audit_events_school_outcome_idx" ON "audit_events" ("school_id", "outcome", "seq")`);
    await queryRunner.query(`CREATE INDEX "students_school_name_prefix_idx" ON "students" ("school_id", "name" text_pattern_ops)`);
    await queryRunner.query(`CREATE INDEX "students_school_number_prefix_idx" ON "students" ("school_id", "student_number" text_pattern_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."students_school_number_prefix_idx"`);
    await queryRunner.query(`DROP INDEX "public"."students_school_name_prefix_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_school_outcome_idx"`);
  }
}
