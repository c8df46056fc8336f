import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a student's own submission said, as an HMAC keyed by their token (never stored), so that
 * a repeated submission of the same answers is answered as the first was: the student cannot know
 * whether a submission whose answer got lost was committed. Null for invitations used otherwise.
 */
export class SurveySubmissionDigest1795826300000 implements MigrationInterface {
  name = 'SurveySubmissionDigest1795826300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // campus_care_app already holds SELECT and UPDATE on the table, which cover the new column.
    await queryRunner.query(`ALTER TABLE "screening_invitations" ADD "submission_digest" bytea`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "screening_invitations" DROP COLUMN "submission_digest"`);
  }
}
