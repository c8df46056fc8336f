import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deliveries the job lets go unsent because their reminder was done (or, for the "created" notice,
 * already seen) before they went out. Such rows leave the pending index like delivered ones.
 */
export class ReminderDeliveriesSkipped1795826100000 implements MigrationInterface {
  name = 'ReminderDeliveriesSkipped1795826100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reminder_deliveries" ADD "skipped_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "reminder_deliveries" ADD CONSTRAINT "reminder_deliveries_sent_or_skipped_check" CHECK (delivered_at IS NULL OR skipped_at IS NULL)`);
    await queryRunner.query(`DROP INDEX "public"."reminder_deliveries_pending_idx"`);
    await queryRunner.query(`CREATE INDEX "reminder_deliveries_pending_idx" ON "reminder_deliveries"("next_attempt_at", "id") WHERE delivered_at IS NULL AND skipped_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."reminder_deliveries_pending_idx"`);
    await queryRunner.query(`CREATE INDEX "reminder_deliveries_pending_idx" ON "reminder_deliveries"("next_attempt_at", "id") WHERE delivered_at IS NULL`);
    await queryRunner.query(`ALTER TABLE "reminder_deliveries" DROP CONSTRAINT "reminder_deliveries_sent_or_skipped_check"`);
    await queryRunner.query(`ALTER TABLE "reminder_deliveries" DROP COLUMN "skipped_at"`);
  }
}
