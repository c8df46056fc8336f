import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reaching people (issue 17, part 1): the outbound message outbox of every channel with a row
 * per attempt, staff contact details (verified addresses, preferred channel, quiet hours) and the
 * verification codes (hashed). Message content is encrypted by the application. The application
 * role may not delete messages or attempts: they are the record of what went out. Drafted by
 * `schema:diff`, reviewed.
 */
export class Messaging1795827000000 implements MigrationInterface {
  name = 'Messaging1795827000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "contact_verifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "channel" text NOT NULL, "address" text NOT NULL, "code_hash" text NOT NULL, "failed_tries" integer NOT NULL DEFAULT '0', "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "consumed_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "contact_verifications_channel_check" CHECK (channel IN ('email', 'sms')), CONSTRAINT "PK_3246b37a9a104ff3c5110b2bde1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "contact_verifications_open_key" ON "contact_verifications"  ("user_id", "channel") WHERE consumed_at IS NULL`);
    await queryRunner.query(`CREATE TABLE "message_attempts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "message_id" uuid NOT NULL, "attempt" integer NOT NULL, "started_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "outcome" text NOT NULL, "error" text, CONSTRAINT "message_attempts_message_attempt_key" UNIQUE ("message_id", "attempt"), CONSTRAINT "message_attempts_outcome_check" CHECK (outcome IN ('sent', 'failed')), CONSTRAINT "PK_32fa8831d7474e6547fb7f87fd4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "outbound_messages" ("id" uuid NOT NULL, "school_id" uuid NOT NULL, "recipient_id" uuid, "channel" text NOT NULL, "address" text NOT NULL, "kind" text NOT NULL, "urgency" text NOT NULL, "dedupe_key" text NOT NULL, "entity_type" text, "entity_id" uuid, "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "content" text NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "max_attempts" integer NOT NULL, "next_attempt_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "sent_at" TIMESTAMP(3) WITH TIME ZONE, "dead_at" TIMESTAMP(3) WITH TIME ZONE, "last_error" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "outbound_messages_dedupe_key" UNIQUE ("dedupe_key", "channel", "address"), CONSTRAINT "outbound_messages_attempts_check" CHECK (attempts BETWEEN 0 AND max_attempts), CONSTRAINT "outbound_messages_sent_or_dead_check" CHECK (sent_at IS NULL OR dead_at IS NULL), CONSTRAINT "outbound_messages_urgency_check" CHECK (urgency IN ('page', 'urgent', 'normal')), CONSTRAINT "outbound_messages_channel_check" CHECK (channel IN ('email', 'sms', 'webhook')), CONSTRAINT "PK_0a03db3e2f04f9f33e6daa597ff" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "outbound_messages_recipient_idx" ON "outbound_messages"  ("recipient_id", "created_at") WHERE recipient_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "outbound_messages_entity_idx" ON "outbound_messages"  ("entity_id") WHERE entity_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "outbound_messages_school_created_idx" ON "outbound_messages"  ("school_id", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "outbound_messages_pending_idx" ON "outbound_messages"  ("next_attempt_at", "id") WHERE sent_at IS NULL AND dead_at IS NULL`);
    await queryRunner.query(`CREATE TABLE "staff_contacts" ("user_id" uuid NOT NULL, "email" citext, "email_verified_at" TIMESTAMP(3) WITH TIME ZONE, "mobile" text, "mobile_verified_at" TIMESTAMP(3) WITH TIME ZONE, "preferred_channel" text NOT NULL DEFAULT 'sms', "quiet_from" TIME, "quiet_until" TIME, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "staff_contacts_mobile_verified_check" CHECK (mobile_verified_at IS NULL OR mobile IS NOT NULL), CONSTRAINT "staff_contacts_email_verified_check" CHECK (email_verified_at IS NULL OR email IS NOT NULL), CONSTRAINT "staff_contacts_quiet_hours_check" CHECK ((quiet_from IS NULL) = (quiet_until IS NULL) AND (quiet_from IS NULL OR quiet_from <> quiet_until)), CONSTRAINT "staff_contacts_preferred_channel_check" CHECK (preferred_channel IN ('email', 'sms')), CONSTRAINT "PK_4889897a07d579c35679e14bdf2" PRIMARY KEY ("user_id"))`);
    await queryRunner.query(`ALTER TABLE "contact_verifications" ADD CONSTRAINT "contact_verifications_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "message_attempts" ADD CONSTRAINT "message_attempts_message_fk" FOREIGN KEY ("message_id") REFERENCES "outbound_messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "outbound_messages" ADD CONSTRAINT "outbound_messages_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "outbound_messages" ADD CONSTRAINT "outbound_messages_recipient_fk" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "staff_contacts" ADD CONSTRAINT "staff_contacts_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "outbound_messages" TO campus_care_app`);
    await queryRunner.query(`GRANT SELECT, INSERT ON "message_attempts" TO campus_care_app`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "staff_contacts" TO campus_care_app`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "contact_verifications" TO campus_care_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON "contact_verifications" FROM campus_care_app`);
    await queryRunner.query(`REVOKE ALL ON "staff_contacts" FROM campus_care_app`);
    await queryRunner.query(`REVOKE ALL ON "message_attempts" FROM campus_care_app`);
    await queryRunner.query(`REVOKE ALL ON "outbound_messages" FROM campus_care_app`);
    await queryRunner.query(`ALTER TABLE "staff_contacts" DROP CONSTRAINT "staff_contacts_user_fk"`);
    await queryRunner.query(`ALTER TABLE "outbound_messages" DROP CONSTRAINT "outbound_messages_recipient_fk"`);
    await queryRunner.query(`ALTER TABLE "outbound_messages" DROP CONSTRAINT "outbound_messages_school_fk"`);
    await queryRunner.query(`ALTER TABLE "message_attempts" DROP CONSTRAINT "message_attempts_message_fk"`);
    await queryRunner.query(`ALTER TABLE "contact_verifications" DROP CONSTRAINT "contact_verifications_user_fk"`);
    await queryRunner.query(`DROP TABLE "staff_contacts"`);
    await queryRunner.query(`DROP INDEX "public"."outbound_messages_pending_idx"`);
    await queryRunner.query(`DROP INDEX "public"."outbound_messages_school_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."outbound_messages_entity_idx"`);
    await queryRunner.query(`DROP INDEX "public"."outbound_messages_recipient_idx"`);
    await queryRunner.query(`DROP TABLE "outbound_messages"`);
    await queryRunner.query(`DROP TABLE "message_attempts"`);
    await queryRunner.query(`DROP INDEX "public"."contact_verifications_open_key"`);
    await queryRunner.query(`DROP TABLE "contact_verifications"`);
  }
}
