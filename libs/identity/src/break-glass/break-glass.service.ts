import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, NotFoundProblem, type Page, type PageQuery, toPage } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { FieldCipher } from '#crypto';
import { NotificationRepository } from '#notifications';
import type { BreakGlassGrantView } from './break-glass.dto.js';
import { BreakGlassRepository } from './break-glass.repository.js';

export const BREAK_GLASS_MINUTES = 60;

/** Why someone needed a child's records: clinical text, encrypted like it. */
export const BREAK_GLASS_REASON = (grantId: string) => ({ table: 'break_glass_grants', column: 'reason', rowId: grantId });

/**
 * Emergency ("break-glass") access: one user, one student's clinical records, one hour. It is
 * granted at once, because emergencies do not wait, and made loud instead: a high-severity
 * audit entry and a notification to every administrator of the school, in one transaction.
 * The reason is stored encrypted and kept out of the audit entry (which cannot be encrypted or
 * erased); administrators read it in the grant list.
 */
@Injectable()
export class BreakGlassService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly grants: BreakGlassRepository,
    private readonly notifications: NotificationRepository,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  async request(caller: Caller, studentId: string, reason: string): Promise<BreakGlassGrantView> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.grants.studentExistsInSchool(manager, caller.schoolId, studentId))) {
        throw new NotFoundProblem('student.not_found', 'No such student');
      }
      const id = randomUUID();
      const now = this.clock.now();
      const grant = await this.grants.insert(manager, {
        id,
        schoolId: caller.schoolId,
        userId: caller.userId,
        studentId,
        reason: this.cipher.encrypt(reason, BREAK_GLASS_REASON(id)),
        expiresAt: new Date(now.getTime() + BREAK_GLASS_MINUTES * 60_000),
      });
      await this.audit.record(manager, caller, {
        action: 'break_glass.grant',
        severity: 'high',
        entityType: 'break_glass_grant',
        entityId: grant.id,
        studentId,
        breakGlassGrantId: grant.id,
      });
      await this.notifications.notifyRoles(manager, caller.schoolId, ['admin'], {
        kind: 'break_glass.used',
        title: `${caller.username} used emergency access to a student's clinical records`,
        entityType: 'break_glass_grant',
        entityId: grant.id,
      });
      return { ...grant, reason };
    });
  }

  /** For clinical reads: the grant that lets this caller see this student now, or null. */
  activeGrantId(caller: Caller, studentId: string): Promise<string | null> {
    return this.grants.findActive(caller.schoolId, caller.userId, studentId, this.clock.now());
  }

  async list(caller: Caller, page: PageQuery): Promise<Page<BreakGlassGrantView>> {
    const rows = await this.grants.listForSchool(caller.schoolId, page);
    const grants = rows.map((r) => ({ ...r, reason: this.cipher.decrypt(r.reason, BREAK_GLASS_REASON(r.id)) }));
    return toPage(grants, page, (r) => [r.createdAt.toISOString(), r.id]);
  }
}
