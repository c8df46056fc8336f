import { Body, Controller, Get, Headers, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { expectedVersion } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { type CounselingSettingsView, UpdateCounselingSettingsDto } from './counseling-settings.dto.js';
import { CounselingSettingsService } from './counseling-settings.service.js';

@ApiTags('counseling')
@Controller('counseling-settings')
export class CounselingSettingsController {
  constructor(private readonly settings: CounselingSettingsService) {}

  @Get()
  @RequirePermission(Permission.SchoolRead)
  get(@CurrentCaller() caller: Caller): Promise<CounselingSettingsView> {
    return this.settings.get(caller);
  }

  @Patch()
  @RequirePermission(Permission.CounselingSettingsManage)
  update(
    @CurrentCaller() caller: Caller,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateCounselingSettingsDto,
  ): Promise<CounselingSettingsView> {
    return this.settings.update(caller, expectedVersion(ifMatch, body.version), body);
  }
}
