import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, ConflictProblem, type Page, pickChanges, toPage } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { topicNotFound, versionConflict } from '../shared/education-problems.js';
import type { CreateTopicDto, TopicListQuery, TopicView, UpdateTopicDto } from './topic.dtos.js';
import { duplicateCode, TopicRepository } from './topic.repository.js';

const systemTopicReadOnly = () =>
  new ConflictProblem('education_topic.system_topic', 'System topics are shared by every school and cannot be changed; add a school topic instead');

/** The topics activities teach: the shared system topics, and those a school adds. */
@Injectable()
export class TopicsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly topics: TopicRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller, query: TopicListQuery): Promise<Page<TopicView>> {
    const rows = await this.topics.listSeenBySchool(caller.schoolId, query);
    return toPage(rows, query, (t) => [t.sortOrder, t.code, t.id]);
  }

  async get(caller: Caller, topicId: string): Promise<TopicView> {
    const topic = await this.topics.findSeenBySchool(caller.schoolId, topicId);
    if (!topic) throw topicNotFound();
    return topic;
  }

  async create(caller: Caller, dto: CreateTopicDto): Promise<TopicView> {
    const id = await this.dataSource.transaction(async (manager) => {
      // A school code equal to a system code would make two columns of coverage look alike.
      if (await this.topics.systemCodeExists(manager, dto.code)) throw duplicateCode();
      const topicId = await this.topics.insert(manager, caller.schoolId, {
        code: dto.code,
        nameZh: dto.nameZh,
        nameEn: dto.nameEn,
        requiredBeforeHoliday: dto.requiredBeforeHoliday ?? false,
        sortOrder: dto.sortOrder ?? 100,
      });
      await this.audit.record(manager, caller, { action: 'education_topic.create', entityType: 'education_topic', entityId: topicId });
      return topicId;
    });
    return this.get(caller, id);
  }

  async update(caller: Caller, topicId: string, version: number, dto: UpdateTopicDto): Promise<TopicView> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.topics.findSeenBySchool(caller.schoolId, topicId, manager);
      if (!current) throw topicNotFound();
      if (current.system) throw systemTopicReadOnly();
      if (current.version !== version) throw versionConflict('education_topic');
      const changes = pickChanges(current, {
        nameZh: dto.nameZh,
        nameEn: dto.nameEn,
        requiredBeforeHoliday: dto.requiredBeforeHoliday,
        active: dto.active,
        sortOrder: dto.sortOrder,
      });
      const changedFields = Object.keys(changes);
      if (changedFields.length === 0) return;
      if (!(await this.topics.updateAtVersion(manager, caller.schoolId, topicId, version, changes, this.clock.now()))) {
        throw versionConflict('education_topic');
      }
      await this.audit.record(manager, caller, { action: 'education_topic.update', entityType: 'education_topic', entityId: topicId, changedFields });
    });
    return this.get(caller, topicId);
  }
}
