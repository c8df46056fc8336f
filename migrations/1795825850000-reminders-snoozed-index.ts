import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The sweep wakes snoozed reminders across every school in one statement: an index on just those. */
export class RemindersSnoozedIndex1795825850000 implements MigrationInterface {
  name = 'RemindersSnoozedIndex1795825850000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "reminders_snoozed_idx" ON "reminders" ("snoozed_until") WHERE status = 'snoozed'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."reminders_snoozed_idx"`);
  }
}
