import { Injectable } from '@nestjs/common';
import { type Page, toPage } from '#core';
import type { Caller } from '#access';
import { classScopeOf } from '#org';
import { activityNotFound } from '../shared/education-problems.js';
import type { ActivityListQuery } from './activity.dtos.js';
import { ActivityLinksRepository } from './activity-links.repository.js';
import { ActivityRepository } from './activity.repository.js';
import { type ActivityView, activityViews } from './activity.views.js';

/** Reads of activities: three queries per page (rows, topics, deliveries), however long the page. */
@Injectable()
export class ActivityQueriesService {
  constructor(
    private readonly activities: ActivityRepository,
    private readonly links: ActivityLinksRepository,
  ) {}

  async list(caller: Caller, query: ActivityListQuery): Promise<Page<ActivityView>> {
    const scope = classScopeOf(caller);
    const rows = await this.activities.listVisible(scope, query, query);
    const page = toPage(rows, query, (row) => [row.startsAt.toISOString(), row.id]);
    const ids = page.items.map((row) => row.id);
    const [topics, deliveries] = await Promise.all([this.links.topicsOf(ids), this.links.deliveriesOf(scope, ids)]);
    return { items: activityViews(page.items, topics, deliveries), nextCursor: page.nextCursor };
  }

  async get(caller: Caller, activityId: string): Promise<ActivityView> {
    const scope = classScopeOf(caller);
    const row = await this.activities.findVisible(scope, activityId);
    if (!row) throw activityNotFound();
    const [topics, deliveries] = await Promise.all([this.links.topicsOf([row.id]), this.links.deliveriesOf(scope, [row.id])]);
    return activityViews([row], topics, deliveries)[0];
  }
}
