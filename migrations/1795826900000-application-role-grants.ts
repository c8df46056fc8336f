import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Requests, jobs, the worker and the CLI now run as `campus_care_app` (every pooled connection
 * `SET ROLE`s to it), so its grants are what the code can do. The per-table grants of the earlier
 * migrations stay; this closes what they left out, in terms that also cover objects added by
 * migrations before this one (it runs last):
 * - the schema itself (PUBLIC's USAGE on `public` may be revoked on a hardened server);
 * - every sequence (nextval of a serial or identity column needs USAGE);
 * - every function in the schema (pgcrypto's digest/hmac; functions run as their caller);
 * - reading `schema_migrations`, so the application can tell which migrations are applied.
 * Nothing here grants UPDATE, DELETE or TRUNCATE on audit_events.
 */
export class ApplicationRoleGrants1795826900000 implements MigrationInterface {
  name = 'ApplicationRoleGrants1795826900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO campus_care_app`);
    await queryRunner.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO campus_care_app`);
    await queryRunner.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO campus_care_app`);
    await queryRunner.query(`GRANT SELECT ON "schema_migrations" TO campus_care_app`);
  }

  /** Back to the earlier grants: USAGE on the audit sequence alone, PUBLIC's defaults for the schema and functions. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE SELECT ON "schema_migrations" FROM campus_care_app`);
    await queryRunner.query(`REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM campus_care_app`);
    await queryRunner.query(`REVOKE USAGE ON ALL SEQUENCES IN SCHEMA public FROM campus_care_app`);
    await queryRunner.query(`GRANT USAGE ON SEQUENCE "audit_events_seq" TO campus_care_app`);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM campus_care_app`);
  }
}
