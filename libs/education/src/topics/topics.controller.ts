import { Body, Controller, Get, Headers, Patch, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, ApiIfMatchHeader, expectedVersion, type Page, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { CreateTopicDto, TopicListQuery, type TopicView, UpdateTopicDto } from './topic.dtos.js';
import { TopicsService } from './topics.service.js';

@ApiTags('education')
@Controller('education/topics')
export class TopicsController {
  constructor(private readonly topics: TopicsService) {}

  @Get()
  @RequirePermission(Permission.EducationRead)
  @ApiOperation({ operationId: 'listEducationTopics', summary: "List the education topics: the shared system topics and the school's own" })
  list(@CurrentCaller() caller: Caller, @Query() query: TopicListQuery): Promise<Page<TopicView>> {
    return this.topics.list(caller, query);
  }

  @Get(':topicId')
  @RequirePermission(Permission.EducationRead)
  @ApiOperation({ operationId: 'getEducationTopic', summary: 'Get an education topic' })
  get(@CurrentCaller() caller: Caller, @UuidParam('topicId') topicId: string): Promise<TopicView> {
    return this.topics.get(caller, topicId);
  }

  @Post()
  @RequirePermission(Permission.EducationTopicManage)
  @ApiOperation({ operationId: 'createEducationTopic', summary: 'Add a school topic', description: "The code must be unique among the system topics and the school's own. Audited." })
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateTopicDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<TopicView> {
    const topic = await this.topics.create(caller, body);
    void reply.header('location', `/${API_PREFIX}/education/topics/${topic.id}`);
    return topic;
  }

  @Patch(':topicId')
  @RequirePermission(Permission.EducationTopicManage)
  @ApiOperation({
    operationId: 'updateEducationTopic',
    summary: 'Rename, reorder or retire a school topic',
    description: 'System topics are shared by every school and read-only. A retired topic takes no new activities and leaves coverage. Audited.',
  })
  @ApiIfMatchHeader()
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('topicId') topicId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateTopicDto,
  ): Promise<TopicView> {
    return this.topics.update(caller, topicId, expectedVersion(ifMatch, body.version), body);
  }
}
