import type { MigrationInterface, QueryRunner } from 'typeorm';
import { FIRST_INSTRUMENTS } from '../libs/screening/src/instruments/definitions/index.js';

/**
 * What each band of the first instruments means for the risk register, and which bands need a
 * person now (a high alert; a critical item raises a critical one whatever the band).
 */
const BAND_RISK: readonly [instrumentCode: string, bandCode: string, riskLevel: string, raisesAlert: boolean][] = [
  ['phq9', 'minimal', 'none', false],
  ['phq9', 'mild', 'low', false],
  ['phq9', 'moderate', 'moderate', false],
  ['phq9', 'moderately_severe', 'high', true],
  ['phq9', 'severe', 'high', true],
  ['gad7', 'minimal', 'none', false],
  ['gad7', 'mild', 'low', false],
  ['gad7', 'moderate', 'moderate', false],
  ['gad7', 'severe', 'high', true],
  ['upi', 'class1', 'high', true],
  ['upi', 'class2', 'moderate', false],
  ['upi', 'class3', 'none', false],
  ['cssrs_screener', 'none', 'none', false],
  ['cssrs_screener', 'low', 'low', false],
  ['cssrs_screener', 'moderate', 'moderate', true],
  ['cssrs_screener', 'high', 'critical', true],
];

/**
 * Screening campaigns (targets, instruments, the counselors' team), single-use invitations with
 * hashed tokens, scored responses (answers encrypted by the app) and the band -> risk mapping.
 * Tables drafted by `npm run cli -- schema:diff`; the mapping is seeded here and checked against
 * the bands the instruments really have.
 */
export class ScreeningCampaigns1795824700000 implements MigrationInterface {
  name = 'ScreeningCampaigns1795824700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "screening_campaigns" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "name" text NOT NULL, "status" text NOT NULL DEFAULT 'draft', "opens_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "closes_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "consent_text_zh" text NOT NULL, "consent_text_en" text, "created_by" uuid NOT NULL, "opened_at" TIMESTAMP(3) WITH TIME ZONE, "closed_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "screening_campaigns_window_check" CHECK (closes_at > opens_at), CONSTRAINT "screening_campaigns_status_check" CHECK (status IN ('draft', 'open', 'closed')), CONSTRAINT "PK_b99d93788672817df47dfddbb7d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "screening_campaigns_school_created_idx" ON "screening_campaigns" ("school_id", "created_at", "id")`);
    await queryRunner.query(`CREATE TABLE "screening_campaign_targets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "campaign_id" uuid NOT NULL, "grade_id" uuid, "class_id" uuid, CONSTRAINT "screening_campaign_targets_one_check" CHECK (num_nonnulls(grade_id, class_id) = 1), CONSTRAINT "PK_413e5b5ff90f71d2748e390a60a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "screening_campaign_targets_class_key" ON "screening_campaign_targets" ("campaign_id", "class_id") WHERE class_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "screening_campaign_targets_grade_key" ON "screening_campaign_targets" ("campaign_id", "grade_id") WHERE grade_id IS NOT NULL`);
    await queryRunner.query(`CREATE TABLE "screening_campaign_instruments" ("campaign_id" uuid NOT NULL, "instrument_id" uuid NOT NULL, "school_id" uuid NOT NULL, "position" smallint NOT NULL, CONSTRAINT "PK_d2852e77f1e8a7ef89b83cc92db" PRIMARY KEY ("campaign_id", "instrument_id"))`);
    await queryRunner.query(`CREATE TABLE "screening_campaign_counselors" ("campaign_id" uuid NOT NULL, "user_id" uuid NOT NULL, "school_id" uuid NOT NULL, "added_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7d95abc07531226658a3497b69d" PRIMARY KEY ("campaign_id", "user_id"))`);
    await queryRunner.query(`CREATE TABLE "screening_invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "campaign_id" uuid NOT NULL, "student_id" uuid NOT NULL, "token_hash" bytea NOT NULL, "status" text NOT NULL DEFAULT 'pending', "used_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "screening_invitations_token_hash_key" UNIQUE ("token_hash"), CONSTRAINT "screening_invitations_campaign_student_key" UNIQUE ("campaign_id", "student_id"), CONSTRAINT "screening_invitations_status_check" CHECK (status IN ('pending', 'used')), CONSTRAINT "PK_6fc72be09f401a0716a04f6f7dd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "screening_invitations_student_idx" ON "screening_invitations" ("student_id")`);
    await queryRunner.query(`CREATE TABLE "screening_responses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "campaign_id" uuid NOT NULL, "invitation_id" uuid NOT NULL, "student_id" uuid NOT NULL, "instrument_id" uuid NOT NULL, "instrument_code" text NOT NULL, "instrument_version" integer NOT NULL, "answers" text NOT NULL, "total" integer, "band_code" text, "classification" text, "critical_items_hit" text array NOT NULL, "source" text NOT NULL, "administered_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "submitted_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "entered_by" uuid, CONSTRAINT "screening_responses_invitation_instrument_key" UNIQUE ("invitation_id", "instrument_id"), CONSTRAINT "screening_responses_source_check" CHECK (source IN ('survey', 'paper', 'import')), CONSTRAINT "PK_03aca12e62415d0dde7961f9c43" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "screening_responses_campaign_idx" ON "screening_responses" ("campaign_id", "instrument_code")`);
    await queryRunner.query(`CREATE INDEX "screening_responses_student_administered_idx" ON "screening_responses" ("student_id", "administered_at", "id")`);
    await queryRunner.query(`CREATE INDEX "screening_responses_student_instrument_idx" ON "screening_responses" ("student_id", "instrument_code", "administered_at")`);
    await queryRunner.query(`CREATE TABLE "screening_band_risk" ("instrument_code" text NOT NULL, "band_code" text NOT NULL, "risk_level" text NOT NULL, "raises_alert" boolean NOT NULL, CONSTRAINT "screening_band_risk_level_check" CHECK (risk_level IN ('none', 'low', 'moderate', 'high', 'critical')), CONSTRAINT "PK_81275f7f6af30c2611ea594cb31" PRIMARY KEY ("instrument_code", "band_code"))`);

    await queryRunner.query(`ALTER TABLE "screening_campaigns" ADD CONSTRAINT "screening_campaigns_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "screening_campaigns" ADD CONSTRAINT "screening_campaigns_created_by_fk" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "screening_campaign_targets" ADD CONSTRAINT "screening_campaign_targets_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "screening_campaign_targets" ADD CONSTRAINT "screening_campaign_targets_campaign_fk" FOREIGN KEY ("campaign_id") REFERENCES "screening_campaigns"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "screening_campaign_targets" ADD CONSTRAINT "screening_campaign_targets_grade_fk" FOREIGN KEY ("grade_id") REFERENCES "grades"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "screening_campaign_targets" ADD CONSTRAINT "screening_campaign_targets_class_fk" FOREIGN KEY ("class_id") REFERENCES "classes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "screening_campaign_instruments" ADD CONSTRAINT "screening_campaign_instruments_campaign_fk" FOREIGN KEY ("campaign_id") REFERENCES "screening_campaigns"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "screening_campaign_instruments" ADD CONSTRAINT "screening_campaign_instruments_instrument_fk" FOREIGN KEY ("instrument_id") REFERENCES "screening_instruments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "screening_campaign_instruments" ADD CONSTRAINT "screening_campaign_instruments_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "screening_campaign_counselors" ADD CONSTRAINT "screening_campaign_counselors_campaign_fk" FOREIGN KEY ("campaign_id") REFERENCES "screening_campaigns"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "screening_campaign_counselors" ADD CONSTRAINT "screening_campaign_counselors_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "screening_campaign_counselors" ADD CONSTRAINT "screening_campaign_counselors_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "screening_invitations" ADD CONSTRAINT "screening_invitations_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "screening_invitations" ADD CONSTRAINT "screening_invitations_campaign_fk" FOREIGN KEY ("campaign_id") REFERENCES "screening_campaigns"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "screening_invitations" ADD CONSTRAINT "screening_invitations_student_fk" FOREIGN KEY ("student_id") REFERENCES "students"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "screening_responses" ADD CONSTRAINT "screening_responses_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "screening_responses" ADD CONSTRAINT "screening_responses_campaign_fk" FOREIGN KEY ("campaign_id") REFERENCES "screening_campaigns"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "screening_responses" ADD CONSTRAINT "screening_responses_invitation_fk" FOREIGN KEY ("invitation_id") REFERENCES "screening_invitations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "screening_responses" ADD CONSTRAINT "screening_responses_student_fk" FOREIGN KEY ("student_id") REFERENCES "students"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "screening_responses" ADD CONSTRAINT "screening_responses_instrument_fk" FOREIGN KEY ("instrument_id") REFERENCES "screening_instruments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "screening_responses" ADD CONSTRAINT "screening_responses_entered_by_fk" FOREIGN KEY ("entered_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    // Drafts replace their targets, instruments and team; the rest is appended to or updated.
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "screening_campaigns", "screening_invitations", "screening_responses" TO campus_care_app`);
    await queryRunner.query(
      `GRANT SELECT, INSERT, DELETE ON "screening_campaign_targets", "screening_campaign_instruments", "screening_campaign_counselors" TO campus_care_app`,
    );
    await queryRunner.query(`GRANT SELECT ON "screening_band_risk" TO campus_care_app`);
    await this.seedBandRisk(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `REVOKE ALL ON "screening_campaigns", "screening_campaign_targets", "screening_campaign_instruments", "screening_campaign_counselors",
              "screening_invitations", "screening_responses", "screening_band_risk" FROM campus_care_app`,
    );
    // Dropping a table drops its constraints and indexes with it; dependents go first.
    await queryRunner.query(`DROP TABLE "screening_band_risk"`);
    await queryRunner.query(`DROP TABLE "screening_responses"`);
    await queryRunner.query(`DROP TABLE "screening_invitations"`);
    await queryRunner.query(`DROP TABLE "screening_campaign_counselors"`);
    await queryRunner.query(`DROP TABLE "screening_campaign_instruments"`);
    await queryRunner.query(`DROP TABLE "screening_campaign_targets"`);
    await queryRunner.query(`DROP TABLE "screening_campaigns"`);
  }

  /** A code that names no band of the seeded instruments stops the migration instead of mapping nothing. */
  private async seedBandRisk(queryRunner: QueryRunner): Promise<void> {
    const bands = new Set(FIRST_INSTRUMENTS.flatMap((seed) => seed.definition.bands.map((band) => `${seed.code}:${band.code}`)));
    const unknown = BAND_RISK.filter(([code, band]) => !bands.has(`${code}:${band}`));
    if (unknown.length > 0) throw new Error(`screening_band_risk names unknown bands: ${unknown.map(([c, b]) => `${c}:${b}`).join(', ')}`);
    const unmapped = [...bands].filter((key) => !BAND_RISK.some(([code, band]) => `${code}:${band}` === key));
    if (unmapped.length > 0) throw new Error(`screening_band_risk misses bands: ${unmapped.join(', ')}`);
    await queryRunner.query(
      `INSERT INTO "screening_band_risk" (instrument_code, band_code, risk_level, raises_alert)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[])`,
      [BAND_RISK.map((r) => r[0]), BAND_RISK.map((r) => r[1]), BAND_RISK.map((r) => r[2]), BAND_RISK.map((r) => r[3])],
    );
  }
}
