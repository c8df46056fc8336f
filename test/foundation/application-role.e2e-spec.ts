import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { AppConfig, RequestRoleCheck } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Requests run as campus_care_app, whatever user DATABASE_URL signs in as (here a superuser). */
describe('the application role', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const refusal = (message: string | RegExp) => ({ driverError: expect.objectContaining({ code: '42501', message: expect.stringMatching(message) }) });

  it('is the role of every pooled connection, signed in as the URL user', async () => {
    const rows = await t.dataSource.query<{ current_user: string; session_user: string }[]>('SELECT current_user, session_user');
    expect(rows).toEqual([{ current_user: 'campus_care_app', session_user: 'postgres' }]);
    await t.dataSource.query('RESET ROLE');
    expect(await t.dataSource.query('SELECT current_user')).toEqual([{ current_user: 'campus_care_app' }]);
  });

  it('may not UPDATE, DELETE or TRUNCATE the audit trail, nor switch its trigger or replication role off', async () => {
    await expect(t.dataSource.query(`UPDATE audit_events SET reason = 'x'`)).rejects.toMatchObject(refusal('permission denied for table audit_events'));
    await expect(t.dataSource.query('DELETE FROM audit_events')).rejects.toMatchObject(refusal('permission denied for table audit_events'));
    await expect(t.dataSource.query('TRUNCATE audit_events')).rejects.toMatchObject(refusal('permission denied for table audit_events'));
    await expect(t.dataSource.query('ALTER TABLE audit_events DISABLE TRIGGER ALL')).rejects.toMatchObject(refusal('must be owner of table audit_events'));
    await expect(t.dataSource.query('SET session_replication_role = replica')).rejects.toMatchObject(refusal('permission denied to set parameter'));
  });

  it('may not read role passwords or server files, nor change the schema', async () => {
    await expect(t.dataSource.query('SELECT rolpassword FROM pg_authid')).rejects.toMatchObject(refusal('permission denied for table pg_authid'));
    await expect(t.dataSource.query(`SELECT pg_read_file('postgresql.conf')`)).rejects.toMatchObject(refusal('permission denied for function pg_read_file'));
    await expect(t.dataSource.query('CREATE TABLE planted (n int)')).rejects.toMatchObject(refusal('permission denied for schema public'));
    await expect(t.dataSource.query('ALTER TABLE students ADD COLUMN planted int')).rejects.toMatchObject(refusal('must be owner of table students'));
  });

  it('is granted something on every table and USAGE on every sequence (a table without grants is a gap)', async () => {
    const ungranted = await t.dataSource.query<{ name: string }[]>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND (
              (c.relkind IN ('r', 'p', 'v', 'm') AND NOT has_table_privilege('campus_care_app', c.oid, 'SELECT, INSERT, UPDATE, DELETE'))
           OR (c.relkind = 'S' AND NOT has_sequence_privilege('campus_care_app', c.oid, 'USAGE')))
        ORDER BY 1`,
    );
    expect(ungranted).toEqual([]);
  });

  describe('the production warning', () => {
    const production = Object.assign(new AppConfig(), { NODE_ENV: 'production' as const });
    const requestRoleWarning = expect.stringContaining('Requests run as the database role "campus_care_app", which may UPDATE or DELETE audit_events');

    it('says, at start in production, when the request role may UPDATE or DELETE audit_events', async () => {
      const check = new RequestRoleCheck(t.dataSource, production);
      expect(await check.warnings()).not.toContainEqual(requestRoleWarning);

      await t.database.asOwner('GRANT UPDATE ON audit_events TO campus_care_app');
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      try {
        await check.onApplicationBootstrap();
        expect(warn).toHaveBeenCalledWith(requestRoleWarning);
        warn.mockClear();
        await new RequestRoleCheck(t.dataSource, new AppConfig()).onApplicationBootstrap();
        expect(warn).not.toHaveBeenCalled();
      } finally {
        warn.mockRestore();
        await t.database.asOwner('REVOKE UPDATE ON audit_events FROM campus_care_app');
      }
    });

    it('says when the login role behind it could RESET ROLE to a role that may', async () => {
      expect(await new RequestRoleCheck(t.dataSource, production).warnings()).toEqual([
        expect.stringContaining('DATABASE_URL signs in as "postgres", which may UPDATE or DELETE audit_events'),
      ]);
    });
  });
});
