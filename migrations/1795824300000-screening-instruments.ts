import type { MigrationInterface, QueryRunner } from 'typeorm';
import { FIRST_INSTRUMENTS } from '../libs/screening/src/instruments/definitions/index.js';
import { parseInstrumentDefinition } from '../libs/screening/src/instruments/validate-instrument-definition.js';

/**
 * Screening instruments as versioned reference data, shared by every school (no school_id),
 * seeded with PHQ-9, GAD-7, UPI and the C-SSRS screener. The table is drafted by
 * `npm run cli -- schema:diff`. The definitions are imported from their frozen files under
 * libs/screening/src/instruments/definitions; a later version is a new file and a new migration.
 * The application only reads instruments: migrations are the one writer.
 */
export class ScreeningInstruments1795824300000 implements MigrationInterface {
  name = 'ScreeningInstruments1795824300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "screening_instruments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "version" integer NOT NULL, "name_zh" text NOT NULL, "name_en" text NOT NULL, "definition" jsonb NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "screening_instruments_code_version_key" UNIQUE ("code", "version"), CONSTRAINT "screening_instruments_version_check" CHECK (version >= 1), CONSTRAINT "PK_b642b013ece9e607bd8c400aef4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`GRANT SELECT ON "screening_instruments" TO campus_care_app`);
    for (const seed of FIRST_INSTRUMENTS) {
      // A malformed definition stops the migration instead of landing unscoreable data.
      const definition = parseInstrumentDefinition(seed.definition);
      await queryRunner.query(
        `INSERT INTO "screening_instruments" (code, version, name_zh, name_en, definition) VALUES ($1, $2, $3, $4, $5::jsonb)`,
        [seed.code, seed.version, seed.nameZh, seed.nameEn, JSON.stringify(definition)],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "screening_instruments" WHERE (code, version) IN (SELECT * FROM unnest($1::text[], $2::int[]))`, [
      FIRST_INSTRUMENTS.map((seed) => seed.code),
      FIRST_INSTRUMENTS.map((seed) => seed.version),
    ]);
    await queryRunner.query(`REVOKE ALL ON "screening_instruments" FROM campus_care_app`);
    await queryRunner.query(`DROP TABLE "screening_instruments"`);
  }
}
