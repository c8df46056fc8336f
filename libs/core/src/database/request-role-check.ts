import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';

/**
 * At start in production, says so when the audit trail's append-only grants protect nothing: the
 * role requests run as may change or delete entries, or the login role behind it may (any SQL that
 * reaches the database can `RESET ROLE` back to it).
 */
@Injectable()
export class RequestRoleCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('Database');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.NODE_ENV !== 'production') return;
    for (const warning of await this.warnings()) this.logger.warn(warning);
  }

  async warnings(): Promise<string[]> {
    const [role] = await this.dataSource.query<{ request_role: string; login_role: string; request_can: boolean; login_can: boolean }[]>(
      `SELECT current_user AS request_role, session_user AS login_role,
              has_table_privilege(current_user, 'audit_events', 'UPDATE, DELETE, TRUNCATE') AS request_can,
              has_table_privilege(session_user, 'audit_events', 'UPDATE, DELETE, TRUNCATE') AS login_can`,
    );
    const warnings: string[] = [];
    if (role.request_can) {
      warnings.push(
        `Requests run as the database role "${role.request_role}", which may UPDATE or DELETE audit_events: ` +
          'revoke that (the application role needs only SELECT and INSERT on the audit trail)',
      );
    } else if (role.login_can) {
      warnings.push(
        `DATABASE_URL signs in as "${role.login_role}", which may UPDATE or DELETE audit_events (an owner or superuser); ` +
          'requests run as campus_care_app, but SQL that reached the database could RESET ROLE: give DATABASE_URL a login ' +
          'role that is only a member of campus_care_app, and MIGRATION_DATABASE_URL the owner',
      );
    }
    return warnings;
  }
}
