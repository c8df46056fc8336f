import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, ConflictProblem, NotFoundProblem, type Page, pickChanges, validationProblem } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { ensureDefaultRules } from './default-rules.sql.js';
import { ReminderRuleRepository } from './reminder-rule.repository.js';
import type { CreateReminderRuleDto, ReminderRuleView, UpdateReminderRuleDto } from './reminder-rules.dtos.js';
import { type RuleShape, ruleShapeProblem } from './rule-catalogue.js';

const ruleNotFound = () => new NotFoundProblem('reminder_rule.not_found', 'No such reminder rule');
const ruleVersionConflict = () => new ConflictProblem('reminder_rule.version_conflict', 'The rule changed since you read it; reload and try again');

function checkShape(shape: RuleShape): void {
  const problem = ruleShapeProblem(shape);
  if (problem) throw validationProblem([problem]);
}

/**
 * A school's reminder rules: the defaults (inserted on first read) and its own. A change applies to
 * the reminders the sweep creates from then on; reminders already created stay as they are.
 */
@Injectable()
export class ReminderRulesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: ReminderRuleRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller): Promise<Page<ReminderRuleView>> {
    // Idempotent: a school sees its defaults even before the first sweep ran.
    await ensureDefaultRules(this.dataSource.manager, caller.schoolId);
    return { items: await this.rules.listOfSchool(this.dataSource.manager, caller.schoolId), nextCursor: null };
  }

  async get(caller: Caller, ruleId: string): Promise<ReminderRuleView> {
    const rule = await this.rules.findInSchool(this.dataSource.manager, caller.schoolId, ruleId);
    if (!rule) throw ruleNotFound();
    return rule;
  }

  async create(caller: Caller, dto: CreateReminderRuleDto): Promise<ReminderRuleView> {
    checkShape(dto);
    return this.dataSource.transaction(async (manager) => {
      const id = randomUUID();
      await this.rules.insert(
        manager,
        caller.schoolId,
        {
          id,
          code: dto.code,
          windowKind: dto.windowKind,
          subjects: dto.subjects,
          recipients: dto.recipients,
          doneWhen: dto.doneWhen,
          dueAfterDays: dto.dueAfterDays ?? null,
          repeatEveryDays: dto.repeatEveryDays ?? null,
          escalateAfterHours: dto.escalateAfterHours ?? 24,
          enabled: dto.enabled ?? true,
          titleZh: dto.titleZh,
          titleEn: dto.titleEn,
        },
        this.clock.now(),
      );
      await this.audit.record(manager, caller, { action: 'reminder_rule.create', entityType: 'reminder_rule', entityId: id, changedFields: Object.keys(dto) });
      return (await this.rules.findInSchool(manager, caller.schoolId, id))!;
    });
  }

  async update(caller: Caller, ruleId: string, version: number, dto: UpdateReminderRuleDto): Promise<ReminderRuleView> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.rules.findInSchool(manager, caller.schoolId, ruleId);
      if (!current) throw ruleNotFound();
      if (current.version !== version) throw ruleVersionConflict();
      const changes = pickChanges(current, {
        enabled: dto.enabled,
        windowKind: dto.windowKind,
        subjects: dto.subjects,
        recipients: dto.recipients,
        doneWhen: dto.doneWhen,
        dueAfterDays: dto.dueAfterDays,
        repeatEveryDays: dto.repeatEveryDays,
        escalateAfterHours: dto.escalateAfterHours,
        titleZh: dto.titleZh,
        titleEn: dto.titleEn,
      });
      const changedFields = Object.keys(changes);
      if (changedFields.length === 0) return current;
      // The combination that results must still be one the sweep can check.
      checkShape({ ...current, ...changes });
      if (!(await this.rules.updateAtVersion(manager, caller.schoolId, ruleId, version, changes, this.clock.now()))) throw ruleVersionConflict();
      await this.audit.record(manager, caller, { action: 'reminder_rule.update', entityType: 'reminder_rule', entityId: ruleId, changedFields });
      return (await this.rules.findInSchool(manager, caller.schoolId, ruleId))!;
    });
  }
}
