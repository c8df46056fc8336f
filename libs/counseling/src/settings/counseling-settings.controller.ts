import { Body, Controller, Get, Headers, Patch } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiIfMatchHeader, expectedVersion } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { type CounselingSettingsView, UpdateCounselingSettingsDto } from './counseling-settings.dto.js';
import { CounselingSettingsService } from './counseling-settings.service.js';

@ApiTags('counseling')
@Controller('counseling-settings')
export class CounselingSettingsController {
  constructor(private readonly settings: CounselingSettingsService) {}

  @ApiOperation({ operationId: 'getCounselingSettings', summary: "Get the school's counseling settings" })
  @Get()
  @RequirePermission(Permission.SchoolRead)
  get(@CurrentCaller() caller: Caller): Promise<CounselingSettingsView> {
    return this.settings.get(caller);
  }

  @ApiOperation({
    operationId: 'updateCounselingSettings',
    summary: "Change the school's counseling settings",
    description: 'Based on a version (`If-Match` or `version`); a stale one answers 409. Audited.',
  })
  @ApiIfMatchHeader()
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
