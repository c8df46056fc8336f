import { Body, Controller, Get, Headers, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiIfMatchHeader, expectedVersion } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { type HelpResourcesView, ReplaceHelpResourcesDto } from './help-resources.dtos.js';
import { HelpResourcesService } from './help-resources.service.js';

/** The school's help resources shown to students by the survey page: administrators read and replace them. */
@ApiTags('survey')
@Controller('help-resources')
export class HelpResourcesController {
  constructor(private readonly helpResources: HelpResourcesService) {}

  @Get()
  @RequirePermission(Permission.HelpResourcesManage)
  @ApiOperation({
    operationId: 'getHelpResources',
    summary: 'The help resources the survey shows your students, and whether the general lines stand in',
  })
  find(@CurrentCaller() caller: Caller): Promise<HelpResourcesView> {
    return this.helpResources.find(caller);
  }

  @Put()
  @RequirePermission(Permission.HelpResourcesManage)
  @ApiOperation({
    operationId: 'replaceHelpResources',
    summary: 'Replace the whole list of help resources the survey shows your students',
    description: 'An empty list brings back the general help lines. Audited.',
  })
  @ApiIfMatchHeader()
  replace(@CurrentCaller() caller: Caller, @Headers('if-match') ifMatch: string | undefined, @Body() body: ReplaceHelpResourcesDto): Promise<HelpResourcesView> {
    return this.helpResources.replace(caller, expectedVersion(ifMatch, body.version), body.resources);
  }
}
