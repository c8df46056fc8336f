import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The school's first person accountable (第一责任人): a flag on one active administrator per
 * school, paged by a new last escalation level (3). Alerts keep their levels; `down` brings any
 * alert at level 3 back to level 2, the top level before this migration, with nothing left to step.
 * No new table, so no new grant: `campus_care_app` already updates `users` and `alerts`.
 */
export class FirstAccountable1795827100000 implements MigrationInterface {
  name = 'FirstAccountable1795827100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "first_accountable" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "users_first_accountable_check" CHECK (NOT first_accountable OR (role = 'admin' AND active))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "users_first_accountable_key" ON "users" ("school_id") WHERE first_accountable`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP CONSTRAINT "alerts_level_check"`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD CONSTRAINT "alerts_level_check" CHECK (escalation_level BETWEEN 0 AND 3)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "alerts" SET escalation_level = 2, next_escalation_at = NULL WHERE escalation_level = 3`);
    await queryRunner.query(
      `UPDATE "alerts" SET next_escalation_at = NULL WHERE escalation_level = 2 AND next_escalation_at IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "alerts" DROP CONSTRAINT "alerts_level_check"`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD CONSTRAINT "alerts_level_check" CHECK (escalation_level BETWEEN 0 AND 2)`);
    await queryRunner.query(`DROP INDEX "public"."users_first_accountable_key"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "users_first_accountable_check"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "first_accountable"`);
  }
}
