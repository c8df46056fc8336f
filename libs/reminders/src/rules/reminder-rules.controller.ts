import { Body, Controller, Get, Headers, Patch, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, ApiIfMatchHeader, expectedVersion, type Page, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { CreateReminderRuleDto, type ReminderRuleView, UpdateReminderRuleDto } from './reminder-rules.dtos.js';
import { ReminderRulesService } from './reminder-rules.service.js';

/** Every staff member reads the school's reminder rules; administrators change them or add their own. */
@ApiTags('reminder-rules')
@Controller('reminder-rules')
export class ReminderRulesController {
  constructor(private readonly rules: ReminderRulesService) {}

  /** The school's rules, defaults included, by window then code: a short list, one page. */
  @ApiOperation({
    operationId: 'listReminderRules',
    summary: "List the school's reminder rules, defaults included, by window then code",
    description: 'A short list, always one page (`nextCursor` is null).',
  })
  @Get()
  @RequirePermission(Permission.ReminderRuleRead)
  list(@CurrentCaller() caller: Caller): Promise<Page<ReminderRuleView>> {
    return this.rules.list(caller);
  }

  @ApiOperation({ operationId: 'getReminderRule', summary: 'Get one reminder rule of the school' })
  @Get(':ruleId')
  @RequirePermission(Permission.ReminderRuleRead)
  get(@CurrentCaller() caller: Caller, @UuidParam('ruleId') ruleId: string): Promise<ReminderRuleView> {
    return this.rules.get(caller, ruleId);
  }

  @ApiOperation({
    operationId: 'createReminderRule',
    summary: 'Add a reminder rule of your own to the school',
    description: 'A code the school already uses answers 409. Audited.',
  })
  @Post()
  @RequirePermission(Permission.ReminderRuleManage)
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateReminderRuleDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ReminderRuleView> {
    const rule = await this.rules.create(caller, body);
    void reply.header('location', `/${API_PREFIX}/reminder-rules/${rule.id}`);
    return rule;
  }

  /** Applies to reminders created from now on; those already created stay as they are. */
  @ApiOperation({
    operationId: 'updateReminderRule',
    summary: 'Change a reminder rule; reminders already created stay as they are',
    description: 'Based on a version (`If-Match` or `version`); a stale one answers 409. Audited.',
  })
  @ApiIfMatchHeader()
  @Patch(':ruleId')
  @RequirePermission(Permission.ReminderRuleManage)
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('ruleId') ruleId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateReminderRuleDto,
  ): Promise<ReminderRuleView> {
    return this.rules.update(caller, ruleId, expectedVersion(ifMatch, body.version), body);
  }
}
