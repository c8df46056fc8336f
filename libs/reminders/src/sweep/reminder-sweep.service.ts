import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '#core';
import { AuditService, type AuditEntry } from '#audit';
import { activeAt, addDays, keyWindowsOf, type KeyWindow, midnightOf } from '#holidays';
import { ensureDefaultRules } from '../rules/default-rules.sql.js';
import { DONE_CONDITIONS } from '../rules/rule-catalogue.js';
import { type RuleCount, ReminderSweepRepository, type SchoolCalendar, type SweptRule } from './reminder-sweep.repository.js';
import { allOccurrencesOf, occurrencesAt } from './window-occurrences.js';

export interface SweepResult {
  created: number;
  completed: number;
  woken: number;
  escalated: number;
}

const ESCALATION_BATCH = 500;

/**
 * One sweep of the reminder rules at the clock's now: create what the active windows call for,
 * close what is done, wake snoozed ones, escalate overdue ones. A handful of statements per school
 * and rule, none per student; every step is idempotent, so a sweep repeated, run on several
 * instances at once, or run late after downtime yields each reminder once.
 */
@Injectable()
export class ReminderSweepService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sweeps: ReminderSweepRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<SweepResult> {
    const now = this.clock.now();
    await this.dataSource.transaction((manager) => ensureDefaultRules(manager));
    let created = 0;
    for (const calendar of await this.sweeps.calendarsNear(this.dataSource.manager, now)) {
      created += await this.createForSchool(calendar, now);
    }
    const completed = await this.completeMet(now);
    const woken = await this.dataSource.transaction((manager) => this.sweeps.wakeSnoozed(manager, now));
    const escalated = await this.escalateDue(now);
    return { created, completed, woken, escalated };
  }

  private async createForSchool(calendar: SchoolCalendar, now: Date): Promise<number> {
    const windows = keyWindowsOf(calendar.holidays, calendar.lengths, calendar.timezone);
    const active = activeAt(windows, now);
    const dayStart = (w: KeyWindow, days: number) => midnightOf(addDays(w.firstDay, days), calendar.timezone);
    const holidayStart = new Map(calendar.holidays.map((h) => [h.id, midnightOf(h.startsOn, calendar.timezone)]));
    return this.dataSource.transaction(async (manager) => {
      await withoutJit(manager);
      const rules = await this.sweeps.enabledRules(manager, calendar.schoolId, [...new Set(windows.map((w) => w.kind))]);
      const entries: AuditEntry[] = [];
      const rescheduled = (rule: SweptRule, moved: number, where: string) => {
        if (moved > 0) {
          entries.push({ action: 'reminder.reschedule', entityType: 'reminder_rule', entityId: rule.id, reason: `${moved} open reminders of ${where} follow the moved holiday` });
        }
      };
      let created = 0;
      for (const rule of rules) {
        for (const occurrence of occurrencesAt(active, rule, now, dayStart)) {
          const counts = await this.sweeps.createReminders(manager, calendar.schoolId, holidayStart.get(occurrence.holidayId)!, rule, occurrence, now);
          const where = `${rule.code} for the ${occurrence.windowKind} window of holiday ${occurrence.holidayId}, period ${occurrence.periodNo}`;
          created += counts.created;
          if (counts.created > 0) {
            entries.push({ action: 'reminder.create', entityType: 'reminder_rule', entityId: rule.id, reason: `${counts.created} reminders of ${where}` });
          }
          rescheduled(rule, counts.moved, where);
        }
      }
      // Reminders of the windows that are not active (the move put them in the past or the future) follow too.
      const inactive = windows.filter((w) => !active.includes(w));
      const moves = rules.flatMap((rule) => inactive.flatMap((w) => allOccurrencesOf(w, rule, dayStart).map((occurrence) => ({ ruleId: rule.id, occurrence }))));
      for (const moved of await this.sweeps.followMovedWindows(manager, calendar.schoolId, moves, now)) {
        const rule = rules.find((r) => r.id === moved.ruleId)!;
        rescheduled(rule, moved.count, `${rule.code} in windows not active now`);
      }
      await this.audit.recordMany(manager, { schoolId: calendar.schoolId }, entries);
      return created;
    });
  }

  private async completeMet(now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await withoutJit(manager);
      const closed: RuleCount[] = [];
      for (const condition of DONE_CONDITIONS) closed.push(...(await this.sweeps.completeMet(manager, condition, now)));
      await this.recordPerSchool(manager, closed, (c) => ({
        action: 'reminder.complete_automatically',
        entityType: 'reminder_rule',
        entityId: c.ruleId,
        reason: `${c.count} reminders closed: their condition is met`,
      }));
      return sumOf(closed.map((c) => c.count));
    });
  }

  private async escalateDue(now: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const escalated = await this.sweeps.escalateDue(manager, now, ESCALATION_BATCH);
        await this.recordPerSchool(manager, escalated, (e) => ({
          action: 'reminder.escalate',
          entityType: 'reminder',
          entityId: e.reminderId,
          studentId: e.studentId ?? undefined,
          reason: `not done in time; escalated to ${e.notified} superior(s)`,
        }));
        return escalated.length;
      });
      total += batch;
      if (batch < ESCALATION_BATCH) return total;
    }
  }

  private async recordPerSchool<T extends { schoolId: string }>(manager: EntityManager, rows: T[], entryOf: (row: T) => AuditEntry): Promise<void> {
    const bySchool = new Map<string, T[]>();
    for (const row of rows) bySchool.set(row.schoolId, [...(bySchool.get(row.schoolId) ?? []), row]);
    for (const [schoolId, ofSchool] of bySchool) await this.audit.recordMany(manager, { schoolId }, ofSchool.map(entryOf));
  }
}

const sumOf = (counts: number[]) => counts.reduce((a, b) => a + b, 0);

/**
 * At a million students the planner overestimates the creation statements (the recipients'
 * fallback branch) and JIT-compiles each one: 270 ms of compiling per school for 90 ms of work
 * (bench/README.md). The statements are short and index-driven; compiling never pays.
 */
const withoutJit = (manager: EntityManager) => manager.query('SET LOCAL jit = off');
