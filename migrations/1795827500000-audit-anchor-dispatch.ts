import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reaching people (issue 17, point 5): the addresses a school's signed audit anchor is emailed to,
 * and each sending of it (once per school and occasion). Drafted by `schema:diff`, reviewed.
 */
export class AuditAnchorDispatch1795827500000 implements MigrationInterface {
  name = 'AuditAnchorDispatch1795827500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_anchor_dispatches" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "occasion" text NOT NULL, "anchor_seq" text NOT NULL, "emails" integer NOT NULL, "webhooks" integer NOT NULL, "dispatched_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "requested_by" uuid, CONSTRAINT "audit_anchor_dispatches_school_occasion_key" UNIQUE ("school_id", "occasion"), CONSTRAINT "PK_ec15ed13e5920441fbb31d6daff" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "audit_anchor_dispatches_school_at_idx" ON "audit_anchor_dispatches"  ("school_id", "dispatched_at", "id") `);
    await queryRunner.query(`CREATE TABLE "audit_anchor_recipients" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "email" citext NOT NULL, "label" text NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "audit_anchor_recipients_school_email_key" UNIQUE ("school_id", "email"), CONSTRAINT "PK_8ea6293d4cfb557fb13c91873aa" PRIMARY KEY ("id"))`);
    await queryRunner.query(`ALTER TABLE "audit_anchor_dispatches" ADD CONSTRAINT "audit_anchor_dispatches_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "audit_anchor_dispatches" ADD CONSTRAINT "audit_anchor_dispatches_requested_by_fk" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "audit_anchor_recipients" ADD CONSTRAINT "audit_anchor_recipients_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "audit_anchor_recipients" ADD CONSTRAINT "audit_anchor_recipients_created_by_fk" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "audit_anchor_dispatches" TO campus_care_app`);
    await queryRunner.query(`GRANT SELECT, INSERT, DELETE ON "audit_anchor_recipients" TO campus_care_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON "audit_anchor_recipients" FROM campus_care_app`);
    await queryRunner.query(`REVOKE ALL ON "audit_anchor_dispatches" FROM campus_care_app`);
    await queryRunner.query(`ALTER TABLE "audit_anchor_recipients" DROP CONSTRAINT "audit_anchor_recipients_created_by_fk"`);
    await queryRunner.query(`ALTER TABLE "audit_anchor_recipients" DROP CONSTRAINT "audit_anchor_recipients_school_fk"`);
    await queryRunner.query(`ALTER TABLE "audit_anchor_dispatches" DROP CONSTRAINT "audit_anchor_dispatches_requested_by_fk"`);
    await queryRunner.query(`ALTER TABLE "audit_anchor_dispatches" DROP CONSTRAINT "audit_anchor_dispatches_school_fk"`);
    await queryRunner.query(`DROP TABLE "audit_anchor_recipients"`);
    await queryRunner.query(`DROP INDEX "public"."audit_anchor_dispatches_school_at_idx"`);
    await queryRunner.query(`DROP TABLE "audit_anchor_dispatches"`);
  }
}
