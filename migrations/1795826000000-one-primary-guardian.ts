import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One primary guardian per student, held by the database: until now only the guardians service
 * kept it, by locking the student (the CSV import, which does not lock, could race it). A student
 * with several primary guardians keeps the one added first, the one every list already showed
 * first; the others stop being primary, with a new version, before the index is built.
 */
export class OnePrimaryGuardian1795826000000 implements MigrationInterface {
  name = 'OnePrimaryGuardian1795826000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE guardians g SET is_primary = false, version = g.version + 1, updated_at = now()
        FROM (SELECT id, row_number() OVER (PARTITION BY student_id ORDER BY created_at, id) AS n FROM guardians WHERE is_primary) ranked
       WHERE g.id = ranked.id AND ranked.n > 1`);
    await queryRunner.query(`CREATE UNIQUE INDEX "guardians_one_primary_key" ON "guardians" ("student_id") WHERE is_primary`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."guardians_one_primary_key"`);
  }
}
