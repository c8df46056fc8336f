import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The eight system topics every class must be taught before each holiday: the seven safety
 * topics of the provincial notice and mental-health self-care. They have no school_id: shared
 * reference data (like screening instruments), written only by migrations; schools add their
 * own topics next to them. Sort orders 10-80 leave room for school topics (default 100).
 */
const SYSTEM_TOPICS = [
  { code: 'fire_safety', nameZh: '消防安全', nameEn: 'Fire safety', sortOrder: 10 },
  { code: 'drowning', nameZh: '防溺水', nameEn: 'Drowning prevention', sortOrder: 20 },
  { code: 'gas_poisoning', nameZh: '防煤气中毒', nameEn: 'Gas (carbon monoxide) poisoning prevention', sortOrder: 30 },
  { code: 'telecom_fraud', nameZh: '防范电信网络诈骗', nameEn: 'Telecom and online fraud prevention', sortOrder: 40 },
  { code: 'infectious_disease', nameZh: '传染病防控', nameEn: 'Infectious disease prevention', sortOrder: 50 },
  { code: 'bullying', nameZh: '预防校园欺凌', nameEn: 'Bullying prevention', sortOrder: 60 },
  { code: 'traffic_safety', nameZh: '交通安全', nameEn: 'Traffic safety', sortOrder: 70 },
  { code: 'mental_health', nameZh: '心理健康与自我调适', nameEn: 'Mental health and self-care', sortOrder: 80 },
];

/**
 * Health education: topics, activities with their topics and per-class deliveries, the
 * append-only history of delivery confirmations, and catch-ups for students who missed one.
 * Tables, indexes and constraints drafted by `npm run cli -- schema:diff`, then reviewed.
 */
export class HealthEducation1795824900000 implements MigrationInterface {
  name = 'HealthEducation1795824900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "education_activity_topics" ("activity_id" uuid NOT NULL, "topic_id" uuid NOT NULL, "school_id" uuid NOT NULL, CONSTRAINT "education_activity_topics_pkey" PRIMARY KEY ("activity_id", "topic_id"))`);
    await queryRunner.query(`CREATE INDEX "education_activity_topics_topic_idx" ON "education_activity_topics" ("topic_id", "activity_id")`);
    await queryRunner.query(`CREATE TABLE "education_activities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "kind" text NOT NULL, "title" text NOT NULL, "starts_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "place" text, "link" text, "delivered_by_user_id" uuid, "delivered_by_name" text, "materials" jsonb NOT NULL DEFAULT '[]', "status" text NOT NULL DEFAULT 'planned', "cancelled_at" TIMESTAMP(3) WITH TIME ZONE, "cancelled_by" uuid, "cancel_reason" text, "created_by" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "education_activities_materials_check" CHECK (jsonb_typeof(materials) = 'array'), CONSTRAINT "education_activities_delivered_by_check" CHECK (num_nonnulls(delivered_by_user_id, delivered_by_name) = 1), CONSTRAINT "education_activities_where_check" CHECK (place IS NOT NULL OR link IS NOT NULL), CONSTRAINT "education_activities_time_check" CHECK (ends_at > starts_at), CONSTRAINT "education_activities_status_check" CHECK (status IN ('planned', 'cancelled')), CONSTRAINT "education_activities_kind_check" CHECK (kind IN ('class_lesson', 'talk', 'group_activity', 'parent_meeting', 'briefing')), CONSTRAINT "PK_3d15f16bf586afa647c497b6fd7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "education_activities_school_status_starts_idx" ON "education_activities" ("school_id", "status", "starts_at", "id")`);
    await queryRunner.query(`CREATE INDEX "education_activities_school_starts_idx" ON "education_activities" ("school_id", "starts_at", "id")`);
    await queryRunner.query(`CREATE TABLE "education_catch_ups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "delivery_id" uuid NOT NULL, "student_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'needed', "completed_at" TIMESTAMP(3) WITH TIME ZONE, "completed_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "education_catch_ups_delivery_student_key" UNIQUE ("delivery_id", "student_id"), CONSTRAINT "education_catch_ups_status_check" CHECK (status IN ('needed', 'done', 'withdrawn')), CONSTRAINT "PK_bb5866b8f3834a551e15519050e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "education_catch_ups_student_status_idx" ON "education_catch_ups" ("student_id", "status")`);
    await queryRunner.query(`CREATE INDEX "education_catch_ups_school_status_created_idx" ON "education_catch_ups" ("school_id", "status", "created_at", "id")`);
    await queryRunner.query(`CREATE TABLE "education_delivery_confirmations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "delivery_id" uuid NOT NULL, "revision" integer NOT NULL, "present_count" integer NOT NULL, "class_size" integer NOT NULL, "missed_student_ids" uuid array NOT NULL DEFAULT '{}', "note" text, "confirmed_by" uuid NOT NULL, "confirmed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "education_delivery_confirmations_revision_key" UNIQUE ("delivery_id", "revision"), CONSTRAINT "education_delivery_confirmations_present_check" CHECK (present_count >= 0 AND present_count <= class_size), CONSTRAINT "education_delivery_confirmations_revision_check" CHECK (revision >= 1), CONSTRAINT "PK_78e5c19248960e060a873f0b86d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "education_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "activity_id" uuid NOT NULL, "class_id" uuid NOT NULL, "starts_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "status" text NOT NULL DEFAULT 'planned', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "education_deliveries_activity_class_key" UNIQUE ("activity_id", "class_id"), CONSTRAINT "education_deliveries_status_check" CHECK (status IN ('planned', 'delivered', 'cancelled')), CONSTRAINT "PK_8ad3acac1a376dbf0b0a2733d6d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "education_deliveries_class_starts_idx" ON "education_deliveries" ("class_id", "starts_at")`);
    await queryRunner.query(`CREATE INDEX "education_deliveries_school_starts_idx" ON "education_deliveries" ("school_id", "starts_at")`);
    await queryRunner.query(`CREATE TABLE "education_topics" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid, "code" text NOT NULL, "name_zh" text NOT NULL, "name_en" text NOT NULL, "required_before_holiday" boolean NOT NULL DEFAULT false, "active" boolean NOT NULL DEFAULT true, "sort_order" integer NOT NULL DEFAULT '100', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "education_topics_code_check" CHECK (code ~ '^[a-z][a-z0-9_]{1,49}$'), CONSTRAINT "PK_f56ce072fd9f3e33163763a056e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "education_topics_school_order_idx" ON "education_topics" ("school_id", "sort_order", "code", "id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "education_topics_school_code_key" ON "education_topics" ("school_id", "code") WHERE school_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "education_topics_system_code_key" ON "education_topics" ("code") WHERE school_id IS NULL`);
    await queryRunner.query(`ALTER TABLE "education_activity_topics" ADD CONSTRAINT "education_activity_topics_activity_fk" FOREIGN KEY ("activity_id") REFERENCES "education_activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "education_activity_topics" ADD CONSTRAINT "education_activity_topics_topic_fk" FOREIGN KEY ("topic_id") REFERENCES "education_topics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "education_activity_topics" ADD CONSTRAINT "education_activity_topics_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "education_activities" ADD CONSTRAINT "education_activities_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "education_activities" ADD CONSTRAINT "education_activities_delivered_by_fk" FOREIGN KEY ("delivered_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "education_activities" ADD CONSTRAINT "education_activities_created_by_fk" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "education_catch_ups" ADD CONSTRAINT "education_catch_ups_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "education_catch_ups" ADD CONSTRAINT "education_catch_ups_delivery_fk" FOREIGN KEY ("delivery_id") REFERENCES "education_deliveries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "education_catch_ups" ADD CONSTRAINT "education_catch_ups_student_fk" FOREIGN KEY ("student_id") REFERENCES "students"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "education_delivery_confirmations" ADD CONSTRAINT "education_delivery_confirmations_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "education_delivery_confirmations" ADD CONSTRAINT "education_delivery_confirmations_delivery_fk" FOREIGN KEY ("delivery_id") REFERENCES "education_deliveries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "education_delivery_confirmations" ADD CONSTRAINT "education_delivery_confirmations_confirmed_by_fk" FOREIGN KEY ("confirmed_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "education_deliveries" ADD CONSTRAINT "education_deliveries_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "education_deliveries" ADD CONSTRAINT "education_deliveries_activity_fk" FOREIGN KEY ("activity_id") REFERENCES "education_activities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "education_deliveries" ADD CONSTRAINT "education_deliveries_class_fk" FOREIGN KEY ("class_id") REFERENCES "classes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "education_topics" ADD CONSTRAINT "education_topics_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    await queryRunner.query(
      `INSERT INTO "education_topics" (code, name_zh, name_en, required_before_holiday, sort_order)
       SELECT t.code, t.name_zh, t.name_en, true, t.sort_order
         FROM jsonb_to_recordset($1::jsonb) AS t(code text, name_zh text, name_en text, sort_order int)`,
      [JSON.stringify(SYSTEM_TOPICS.map((t) => ({ code: t.code, name_zh: t.nameZh, name_en: t.nameEn, sort_order: t.sortOrder })))],
    );

    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "education_topics", "education_activities", "education_deliveries", "education_catch_ups" TO campus_care_app`);
    // Topics of a planned activity are replaced when it is edited.
    await queryRunner.query(`GRANT SELECT, INSERT, DELETE ON "education_activity_topics" TO campus_care_app`);
    // Confirmations are history: a correction is a new row, never an update.
    await queryRunner.query(`GRANT SELECT, INSERT ON "education_delivery_confirmations" TO campus_care_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `REVOKE ALL ON "education_topics", "education_activities", "education_activity_topics", "education_deliveries",
              "education_delivery_confirmations", "education_catch_ups" FROM campus_care_app`,
    );
    await queryRunner.query(`ALTER TABLE "education_topics" DROP CONSTRAINT "education_topics_school_fk"`);
    await queryRunner.query(`ALTER TABLE "education_deliveries" DROP CONSTRAINT "education_deliveries_class_fk"`);
    await queryRunner.query(`ALTER TABLE "education_deliveries" DROP CONSTRAINT "education_deliveries_activity_fk"`);
    await queryRunner.query(`ALTER TABLE "education_deliveries" DROP CONSTRAINT "education_deliveries_school_fk"`);
    await queryRunner.query(`ALTER TABLE "education_delivery_confirmations" DROP CONSTRAINT "education_delivery_confirmations_confirmed_by_fk"`);
    await queryRunner.query(`ALTER TABLE "education_delivery_confirmations" DROP CONSTRAINT "education_delivery_confirmations_delivery_fk"`);
    await queryRunner.query(`ALTER TABLE "education_delivery_confirmations" DROP CONSTRAINT "education_delivery_confirmations_school_fk"`);
    await queryRunner.query(`ALTER TABLE "education_catch_ups" DROP CONSTRAINT "education_catch_ups_student_fk"`);
    await queryRunner.query(`ALTER TABLE "education_catch_ups" DROP CONSTRAINT "education_catch_ups_delivery_fk"`);
    await queryRunner.query(`ALTER TABLE "education_catch_ups" DROP CONSTRAINT "education_catch_ups_school_fk"`);
    await queryRunner.query(`ALTER TABLE "education_activities" DROP CONSTRAINT "education_activities_created_by_fk"`);
    await queryRunner.query(`ALTER TABLE "education_activities" DROP CONSTRAINT "education_activities_delivered_by_fk"`);
    await queryRunner.query(`ALTER TABLE "education_activities" DROP CONSTRAINT "education_activities_school_fk"`);
    await queryRunner.query(`ALTER TABLE "education_activity_topics" DROP CONSTRAINT "education_activity_topics_school_fk"`);
    await queryRunner.query(`ALTER TABLE "education_activity_topics" DROP CONSTRAINT "education_activity_topics_topic_fk"`);
    await queryRunner.query(`ALTER TABLE "education_activity_topics" DROP CONSTRAINT "education_activity_topics_activity_fk"`);
    await queryRunner.query(`DROP INDEX "public"."education_topics_system_code_key"`);
    await queryRunner.query(`DROP INDEX "public"."education_topics_school_code_key"`);
    await queryRunner.query(`DROP INDEX "public"."education_topics_school_order_idx"`);
    await queryRunner.query(`DROP TABLE "education_topics"`);
    await queryRunner.query(`DROP INDEX "public"."education_deliveries_school_starts_idx"`);
    await queryRunner.query(`DROP INDEX "public"."education_deliveries_class_starts_idx"`);
    await queryRunner.query(`DROP TABLE "education_deliveries"`);
    await queryRunner.query(`DROP TABLE "education_delivery_confirmations"`);
    await queryRunner.query(`DROP INDEX "public"."education_catch_ups_school_status_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."education_catch_ups_student_status_idx"`);
    await queryRunner.query(`DROP TABLE "education_catch_ups"`);
    await queryRunner.query(`DROP INDEX "public"."education_activities_school_starts_idx"`);
    await queryRunner.query(`DROP INDEX "public"."education_activities_school_status_starts_idx"`);
    await queryRunner.query(`DROP TABLE "education_activities"`);
    await queryRunner.query(`DROP INDEX "public"."education_activity_topics_topic_idx"`);
    await queryRunner.query(`DROP TABLE "education_activity_topics"`);
  }
}
