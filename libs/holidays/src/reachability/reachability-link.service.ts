import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '#core';
import { AuditService } from '#audit';
import { type OfficerShift, DutyShiftRepository } from '../roster/duty-shift.repository.js';
import { type CheckByToken, hashReachabilityToken, ReachabilityCheckRepository } from './reachability-check.repository.js';

/** What the page shows the officer: who they are, the holiday, their shifts of it. */
export interface ReachabilityCheckFacts {
  officerName: string;
  holidayName: string;
  timezone: string;
  shifts: OfficerShift[];
}

export type ReachabilityLinkState =
  | { state: 'open'; facts: ReachabilityCheckFacts }
  | { state: 'confirmed'; facts: ReachabilityCheckFacts; at: Date; justNow: boolean }
  | { state: 'used'; at: Date; timezone: string }
  | { state: 'expired' }
  | { state: 'unknown' };

const TOKEN = /^[A-Za-z0-9_-]{32}$/;

/**
 * The one-tap link of a reachability check: no sign-in, the token is the credential. Opening it
 * (GET, which link previews also do) only shows the check; the button (POST) confirms it, once, as
 * the officer: the check's `confirmed_at` and `last_confirmed_reachable_at` of every shift of theirs
 * in the holiday, audited like the signed-in confirmation. The link works until the holiday is over.
 */
@Injectable()
export class ReachabilityLinkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly checks: ReachabilityCheckRepository,
    private readonly shifts: DutyShiftRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  open(token: string): Promise<ReachabilityLinkState> {
    return this.dataSource.transaction(async (manager) => {
      const check = await this.find(manager, token, false);
      if (!check) return { state: 'unknown' };
      if (this.expired(check)) return { state: 'expired' };
      const facts = await this.factsOf(manager, check);
      return check.confirmedAt ? { state: 'confirmed', facts, at: check.confirmedAt, justNow: false } : { state: 'open', facts };
    });
  }

  confirm(token: string): Promise<ReachabilityLinkState> {
    return this.dataSource.transaction(async (manager) => {
      const check = await this.find(manager, token, true);
      if (!check) return { state: 'unknown' };
      if (check.confirmedAt) return { state: 'used', at: check.confirmedAt, timezone: check.timezone };
      if (this.expired(check)) return { state: 'expired' };
      const now = this.clock.now();
      // The row lock makes the guard unreachable; never report a confirmation that did not happen.
      if (!(await this.checks.confirm(manager, check.id, now))) return { state: 'used', at: now, timezone: check.timezone };
      const stamped = await this.shifts.confirmReachableInHoliday(manager, check.schoolId, check.officerId, check.holidayId, now);
      await this.audit.recordMany(manager, { schoolId: check.schoolId, userId: check.officerId }, [
        { action: 'duty_reachability.confirm', entityType: 'duty_reachability_check', entityId: check.id, changedFields: ['confirmedAt'], reason: 'reachability link' },
        ...stamped.map((shiftId) => ({
          action: 'duty_shift.confirm_reachable',
          entityType: 'duty_shift',
          entityId: shiftId,
          changedFields: ['lastConfirmedReachableAt'],
          reason: 'reachability link',
        })),
      ]);
      return { state: 'confirmed', facts: await this.factsOf(manager, check), at: now, justNow: true };
    });
  }

  private find(manager: EntityManager, token: string, lock: boolean): Promise<CheckByToken | undefined> {
    return TOKEN.test(token) ? this.checks.findByTokenHash(manager, hashReachabilityToken(token), lock) : Promise.resolve(undefined);
  }

  private expired(check: CheckByToken): boolean {
    return check.expiresAt.getTime() <= this.clock.now().getTime();
  }

  private async factsOf(manager: EntityManager, check: CheckByToken): Promise<ReachabilityCheckFacts> {
    const shifts = await this.shifts.shiftsOfOfficerInHoliday(manager, check.schoolId, check.officerId, check.holidayId);
    return { officerName: check.officerName, holidayName: check.holidayName, timezone: check.timezone, shifts };
  }
}
