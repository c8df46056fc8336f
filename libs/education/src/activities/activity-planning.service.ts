import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock, ConflictProblem, ForbiddenProblem, validationProblem } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { classScopeOf } from '#org';
import { activityNotFound, versionConflict } from '../shared/education-problems.js';
import { TopicRepository } from '../topics/topic.repository.js';
import { type ActivityDetails, activityDetailProblems, changedDetails, detailsOfPlan, editedDetails } from './activity-details.js';
import type { CancelActivityDto, PlanActivityDto, UpdateActivityDto } from './activity.dtos.js';
import { ActivityLinksRepository } from './activity-links.repository.js';
import { ActivityQueriesService } from './activity-queries.service.js';
import { type ActivityRow, ActivityRepository } from './activity.repository.js';
import { targetClassIds } from './activity-targets.js';
import type { ActivityView } from './activity.views.js';

const notPlanner = () =>
  new ForbiddenProblem('education_activity.not_planner', 'Only the teacher who planned it, a counselor or an administrator may change it');
const notPlanned = () => new ConflictProblem('education_activity.cancelled', 'The activity is cancelled');
const alreadyDelivered = () =>
  new ConflictProblem('education_activity.already_delivered', 'A class has confirmed this activity: it can no longer be edited, only cancelled');

/**
 * Plans, edits and cancels activities. Counselors and administrators plan for any class of the
 * school; a class teacher for the classes they teach now, and changes only what they planned.
 */
@Injectable()
export class ActivityPlanningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly activities: ActivityRepository,
    private readonly links: ActivityLinksRepository,
    private readonly topics: TopicRepository,
    private readonly queries: ActivityQueriesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async plan(caller: Caller, dto: PlanActivityDto): Promise<ActivityView> {
    const details = detailsOfPlan(dto);
    const problems = activityDetailProblems(details);
    if (problems.length > 0) throw validationProblem(problems);
    const activityId = await this.dataSource.transaction(async (manager) => {
      const rows = await this.links.targetRows(manager, classScopeOf(caller), dto.classIds ?? [], dto.gradeIds ?? []);
      const classIds = targetClassIds(dto, rows);
      await this.checkTopics(manager, caller, dto.topicIds);
      await this.checkSpeaker(manager, caller, details);
      const id = await this.activities.insert(manager, caller.schoolId, caller.userId, details);
      await this.links.replaceTopics(manager, caller.schoolId, id, dto.topicIds);
      await this.links.insertDeliveries(manager, caller.schoolId, id, classIds, details.startsAt);
      await this.audit.record(manager, caller, { action: 'education_activity.plan', entityType: 'education_activity', entityId: id });
      return id;
    });
    return this.queries.get(caller, activityId);
  }

  async update(caller: Caller, activityId: string, version: number, dto: UpdateActivityDto): Promise<ActivityView> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.lockForChange(manager, caller, activityId, version);
      if ((await this.links.countDelivered(manager, activityId)) > 0) throw alreadyDelivered();
      const edited = editedDetails(current, dto);
      const problems = activityDetailProblems(edited);
      if (problems.length > 0) throw validationProblem(problems);
      const changedFields: string[] = changedDetails(current, edited);
      if (dto.topicIds && (await this.topicsChange(manager, activityId, dto.topicIds))) changedFields.push('topicIds');
      if (changedFields.length === 0) return;

      if (changedFields.includes('deliveredByUserId')) await this.checkSpeaker(manager, caller, edited);
      if (changedFields.includes('topicIds')) {
        await this.checkTopics(manager, caller, dto.topicIds as string[]);
        await this.links.replaceTopics(manager, caller.schoolId, activityId, dto.topicIds as string[]);
      }
      const now = this.clock.now();
      if (!(await this.activities.updateAtVersion(manager, activityId, version, edited, now))) throw versionConflict('education_activity');
      if (changedFields.includes('startsAt')) await this.links.moveDeliveries(manager, activityId, edited.startsAt, now);
      await this.audit.record(manager, caller, {
        action: 'education_activity.update',
        entityType: 'education_activity',
        entityId: activityId,
        changedFields,
      });
    });
    return this.queries.get(caller, activityId);
  }

  async cancel(caller: Caller, activityId: string, version: number, dto: CancelActivityDto): Promise<ActivityView> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockForChange(manager, caller, activityId, version);
      const now = this.clock.now();
      if (!(await this.activities.cancelAtVersion(manager, activityId, version, { by: caller.userId, at: now, reason: dto.reason }))) {
        throw versionConflict('education_activity');
      }
      await this.links.cancelPlannedDeliveries(manager, activityId, now);
      await this.audit.record(manager, caller, {
        action: 'education_activity.cancel',
        entityType: 'education_activity',
        entityId: activityId,
        reason: dto.reason,
      });
    });
    return this.queries.get(caller, activityId);
  }

  /** The activity, locked, if the caller may change it and it is still planned at the version they saw. */
  private async lockForChange(manager: EntityManager, caller: Caller, activityId: string, version: number): Promise<ActivityRow> {
    const scope = classScopeOf(caller);
    const current = await this.activities.lockVisible(manager, scope, activityId);
    if (!current) throw activityNotFound();
    if (scope.teacherId && current.createdBy !== caller.userId) throw notPlanner();
    if (current.status !== 'planned') throw notPlanned();
    if (current.version !== version) throw versionConflict('education_activity');
    return current;
  }

  private async topicsChange(manager: EntityManager, activityId: string, topicIds: string[]): Promise<boolean> {
    const current = new Set((await this.links.topicsOf([activityId], manager)).map((t) => t.id));
    return current.size !== topicIds.length || topicIds.some((id) => !current.has(id));
  }

  /** Each topic must be an active topic the school sees; a 400 names the ones that are not. */
  private async checkTopics(manager: EntityManager, caller: Caller, topicIds: string[]): Promise<void> {
    const known = await this.topics.activeTopicIds(manager, caller.schoolId, topicIds);
    const problems = topicIds.flatMap((id, index) => (known.has(id) ? [] : [{ field: `topicIds.${index}`, message: `${id} is not an active topic of this school` }]));
    if (problems.length > 0) throw validationProblem(problems);
  }

  private async checkSpeaker(manager: EntityManager, caller: Caller, details: ActivityDetails): Promise<void> {
    if (details.deliveredByUserId && !(await this.activities.isActiveStaff(manager, caller.schoolId, details.deliveredByUserId))) {
      throw validationProblem([{ field: 'deliveredByUserId', message: 'is not an active staff member of this school' }]);
    }
  }
}
