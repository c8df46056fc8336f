import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Intervention cases and everything done for them: signals, team, timeline events, tasks,
 * contacts, referral agencies and referrals, notes, closure requests. One open case per student
 * is a partial unique index. Free text (notes, task titles, reasons, what was agreed) is
 * encrypted by the application. Drafted by `npm run cli -- schema:diff`, reviewed.
 */
export class Cases1795824800000 implements MigrationInterface {
  name = 'Cases1795824800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "case_closure_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "case_id" uuid NOT NULL, "requested_by" uuid NOT NULL, "reason" text NOT NULL, "guardian_contact_waiver" text, "status" text NOT NULL DEFAULT 'pending', "decided_by" uuid, "decided_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "case_closure_requests_status_check" CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')), CONSTRAINT "PK_43dba22267820e0192a3ced9b8d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "case_closure_requests_school_pending_idx" ON "case_closure_requests"("school_id", "created_at") WHERE status = 'pending'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "case_closure_requests_pending_key" ON "case_closure_requests"("case_id") WHERE status = 'pending'`);
    await queryRunner.query(`CREATE TABLE "case_contacts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "case_id" uuid NOT NULL, "counterpart" text NOT NULL, "guardian_id" uuid, "counterpart_name" text, "channel" text NOT NULL, "outcome" text NOT NULL, "contacted_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "is_guardian_notification" boolean NOT NULL DEFAULT false, "agreed" text, "recorded_by" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "case_contacts_outcome_check" CHECK (outcome IN ('reached', 'not_reached')), CONSTRAINT "case_contacts_channel_check" CHECK (channel IN ('in_person', 'phone', 'message', 'home_visit')), CONSTRAINT "case_contacts_counterpart_check" CHECK (counterpart IN ('student', 'guardian', 'class_teacher', 'other')), CONSTRAINT "PK_1436dc12611109e2097a899b9c9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "case_contacts_case_idx" ON "case_contacts"("case_id", "contacted_at", "id") `);
    await queryRunner.query(`CREATE TABLE "case_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "case_id" uuid NOT NULL, "kind" text NOT NULL, "actor_id" uuid, "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "data" jsonb NOT NULL DEFAULT '{}', "reason" text, CONSTRAINT "PK_61f203ee26b76c6438bbcc7bde6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "case_events_case_idx" ON "case_events"("case_id", "occurred_at", "id") `);
    await queryRunner.query(`CREATE TABLE "case_notes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "case_id" uuid NOT NULL, "author_id" uuid NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_474011f166285b8da9a653af5c5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "case_notes_case_idx" ON "case_notes"("case_id", "created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "case_referrals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "case_id" uuid NOT NULL, "agency_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'pending', "referred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "status_changed_at" TIMESTAMP(3) WITH TIME ZONE, "note" text, "created_by" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "case_referrals_status_check" CHECK (status IN ('pending', 'accepted', 'declined', 'completed', 'withdrawn')), CONSTRAINT "PK_68421083c18848523cfd2e72a2d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "case_referrals_case_idx" ON "case_referrals"("case_id", "referred_at", "id") `);
    await queryRunner.query(`CREATE TABLE "case_signals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "case_id" uuid NOT NULL, "source_type" text NOT NULL, "source_id" uuid NOT NULL, "attached_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "attached_by" uuid, CONSTRAINT "PK_17b7903bc73cc58fc0c67e82b8c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "case_signals_case_idx" ON "case_signals"("case_id", "attached_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "case_signals_source_key" ON "case_signals"("source_type", "source_id") `);
    await queryRunner.query(`CREATE TABLE "case_tasks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "case_id" uuid NOT NULL, "title" text NOT NULL, "assignee_id" uuid NOT NULL, "due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "status" text NOT NULL DEFAULT 'open', "completed_at" TIMESTAMP(3) WITH TIME ZONE, "created_by" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "case_tasks_status_check" CHECK (status IN ('open', 'done', 'cancelled')), CONSTRAINT "PK_6884bc205016f0df75a601d9311" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "case_tasks_assignee_open_idx" ON "case_tasks"("assignee_id", "due_at", "id") WHERE status = 'open'`);
    await queryRunner.query(`CREATE INDEX "case_tasks_case_idx" ON "case_tasks"("case_id", "due_at", "id") `);
    await queryRunner.query(`CREATE TABLE "case_team_members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "case_id" uuid NOT NULL, "user_id" uuid NOT NULL, "added_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "removed_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_605773278e9173c03a997509a10" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "case_team_members_user_current_idx" ON "case_team_members"("user_id", "case_id") WHERE removed_at IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "case_team_members_current_key" ON "case_team_members"("case_id", "user_id") WHERE removed_at IS NULL`);
    await queryRunner.query(`CREATE TABLE "cases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "student_id" uuid NOT NULL, "state" text NOT NULL DEFAULT 'open', "risk_level" text NOT NULL, "owner_id" uuid NOT NULL, "source_type" text NOT NULL, "source_id" uuid, "opened_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "opened_by" uuid NOT NULL, "closed_at" TIMESTAMP(3) WITH TIME ZONE, "reopen_count" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "cases_source_check" CHECK (source_type IN ('manual', 'alert', 'concern_flag', 'screening_response', 'appointment')), CONSTRAINT "cases_risk_check" CHECK (risk_level IN ('low', 'moderate', 'high', 'critical')), CONSTRAINT "cases_state_check" CHECK (state IN ('open', 'assessing', 'active', 'monitoring', 'referred', 'closed')), CONSTRAINT "PK_264acb3048c240fb89aa34626db" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "cases_student_idx" ON "cases"("student_id", "opened_at") `);
    await queryRunner.query(`CREATE INDEX "cases_owner_state_idx" ON "cases"("owner_id", "state", "opened_at", "id") `);
    await queryRunner.query(`CREATE INDEX "cases_school_state_opened_idx" ON "cases"("school_id", "state", "opened_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "cases_one_open_per_student_key" ON "cases"("student_id") WHERE state <> 'closed'`);
    await queryRunner.query(`CREATE TABLE "referral_agencies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "phone" text, "address" text, "contact_person" text, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "referral_agencies_school_name_key" UNIQUE ("school_id", "name"), CONSTRAINT "referral_agencies_kind_check" CHECK (kind IN ('hospital', 'psychiatric_service', 'police', 'community_health', 'social_services', 'other')), CONSTRAINT "PK_23231d8878dc79ea750aba82248" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "referral_agencies_school_idx" ON "referral_agencies"("school_id", "kind", "name") `);
    await queryRunner.query(`ALTER TABLE "case_closure_requests" ADD CONSTRAINT "case_closure_requests_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_closure_requests" ADD CONSTRAINT "case_closure_requests_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_contacts" ADD CONSTRAINT "case_contacts_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_contacts" ADD CONSTRAINT "case_contacts_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_events" ADD CONSTRAINT "case_events_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_referrals" ADD CONSTRAINT "case_referrals_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_referrals" ADD CONSTRAINT "case_referrals_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_referrals" ADD CONSTRAINT "case_referrals_agency_fk" FOREIGN KEY ("agency_id") REFERENCES "referral_agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_signals" ADD CONSTRAINT "case_signals_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_signals" ADD CONSTRAINT "case_signals_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_assignee_fk" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_team_members" ADD CONSTRAINT "case_team_members_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_team_members" ADD CONSTRAINT "case_team_members_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_team_members" ADD CONSTRAINT "case_team_members_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "cases_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "cases_student_fk" FOREIGN KEY ("student_id") REFERENCES "students"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "cases_owner_fk" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "referral_agencies" ADD CONSTRAINT "referral_agencies_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "cases", "case_signals", "case_team_members", "case_events", "case_tasks", "case_contacts", "referral_agencies", "case_referrals", "case_notes", "case_closure_requests" TO campus_care_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON "cases", "case_signals", "case_team_members", "case_events", "case_tasks", "case_contacts", "referral_agencies", "case_referrals", "case_notes", "case_closure_requests" FROM campus_care_app`);
    await queryRunner.query(`ALTER TABLE "referral_agencies" DROP CONSTRAINT "referral_agencies_school_fk"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "cases_owner_fk"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "cases_student_fk"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "cases_school_fk"`);
    await queryRunner.query(`ALTER TABLE "case_team_members" DROP CONSTRAINT "case_team_members_user_fk"`);
    await queryRunner.query(`ALTER TABLE "case_team_members" DROP CONSTRAINT "case_team_members_case_fk"`);
    await queryRunner.query(`ALTER TABLE "case_team_members" DROP CONSTRAINT "case_team_members_school_fk"`);
    await queryRunner.query(`ALTER TABLE "case_tasks" DROP CONSTRAINT "case_tasks_assignee_fk"`);
    await queryRunner.query(`ALTER TABLE "case_tasks" DROP CONSTRAINT "case_tasks_case_fk"`);
    await queryRunner.query(`ALTER TABLE "case_tasks" DROP CONSTRAINT "case_tasks_school_fk"`);
    await queryRunner.query(`ALTER TABLE "case_signals" DROP CONSTRAINT "case_signals_case_fk"`);
    await queryRunner.query(`ALTER TABLE "case_signals" DROP CONSTRAINT "case_signals_school_fk"`);
    await queryRunner.query(`ALTER TABLE "case_referrals" DROP CONSTRAINT "case_referrals_agency_fk"`);
    await queryRunner.query(`ALTER TABLE "case_referrals" DROP CONSTRAINT "case_referrals_case_fk"`);
    await queryRunner.query(`ALTER TABLE "case_referrals" DROP CONSTRAINT "case_referrals_school_fk"`);
    await queryRunner.query(`ALTER TABLE "case_notes" DROP CONSTRAINT "case_notes_case_fk"`);
    await queryRunner.query(`ALTER TABLE "case_notes" DROP CONSTRAINT "case_notes_school_fk"`);
    await queryRunner.query(`ALTER TABLE "case_events" DROP CONSTRAINT "case_events_case_fk"`);
    await queryRunner.query(`ALTER TABLE "case_events" DROP CONSTRAINT "case_events_school_fk"`);
    await queryRunner.query(`ALTER TABLE "case_contacts" DROP CONSTRAINT "case_contacts_case_fk"`);
    await queryRunner.query(`ALTER TABLE "case_contacts" DROP CONSTRAINT "case_contacts_school_fk"`);
    await queryRunner.query(`ALTER TABLE "case_closure_requests" DROP CONSTRAINT "case_closure_requests_case_fk"`);
    await queryRunner.query(`ALTER TABLE "case_closure_requests" DROP CONSTRAINT "case_closure_requests_school_fk"`);
    await queryRunner.query(`DROP INDEX "public"."referral_agencies_school_idx"`);
    await queryRunner.query(`DROP TABLE "referral_agencies"`);
    await queryRunner.query(`DROP INDEX "public"."cases_one_open_per_student_key"`);
    await queryRunner.query(`DROP INDEX "public"."cases_school_state_opened_idx"`);
    await queryRunner.query(`DROP INDEX "public"."cases_owner_state_idx"`);
    await queryRunner.query(`DROP INDEX "public"."cases_student_idx"`);
    await queryRunner.query(`DROP TABLE "cases"`);
    await queryRunner.query(`DROP INDEX "public"."case_team_members_current_key"`);
    await queryRunner.query(`DROP INDEX "public"."case_team_members_user_current_idx"`);
    await queryRunner.query(`DROP TABLE "case_team_members"`);
    await queryRunner.query(`DROP INDEX "public"."case_tasks_case_idx"`);
    await queryRunner.query(`DROP INDEX "public"."case_tasks_assignee_open_idx"`);
    await queryRunner.query(`DROP TABLE "case_tasks"`);
    await queryRunner.query(`DROP INDEX "public"."case_signals_source_key"`);
    await queryRunner.query(`DROP INDEX "public"."case_signals_case_idx"`);
    await queryRunner.query(`DROP TABLE "case_signals"`);
    await queryRunner.query(`DROP INDEX "public"."case_referrals_case_idx"`);
    await queryRunner.query(`DROP TABLE "case_referrals"`);
    await queryRunner.query(`DROP INDEX "public"."case_notes_case_idx"`);
    await queryRunner.query(`DROP TABLE "case_notes"`);
    await queryRunner.query(`DROP INDEX "public"."case_events_case_idx"`);
    await queryRunner.query(`DROP TABLE "case_events"`);
    await queryRunner.query(`DROP INDEX "public"."case_contacts_case_idx"`);
    await queryRunner.query(`DROP TABLE "case_contacts"`);
    await queryRunner.query(`DROP INDEX "public"."case_closure_requests_pending_key"`);
    await queryRunner.query(`DROP INDEX "public"."case_closure_requests_school_pending_idx"`);
    await queryRunner.query(`DROP TABLE "case_closure_requests"`);
  }
}
