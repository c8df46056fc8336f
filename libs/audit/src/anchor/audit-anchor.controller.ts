import { Body, Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { AuditAnchorService } from './audit-anchor.service.js';
import type { AnchoredChainVerification, AuditAnchorView } from './audit-anchor.view.js';
import { VerifyAuditTrailDto } from './verify-audit-trail.dto.js';
import { Post } from '#core';

@ApiTags('audit')
@Controller('audit-events')
export class AuditAnchorController {
  constructor(private readonly anchors: AuditAnchorService) {}

  @Get('anchor')
  @RequirePermission(Permission.AuditRead)
  @ApiOperation({ summary: "A signed anchor of the school's chain head, to keep outside the system (the read is audited)" })
  anchor(@CurrentCaller() caller: Caller): Promise<AuditAnchorView> {
    return this.anchors.take(caller);
  }

  @Post('verify')
  @RequirePermission(Permission.AuditRead)
  @HttpCode(200)
  @ApiOperation({ summary: 'Verifies the chain and, given an anchor taken earlier, that nothing up to it was deleted or changed' })
  verify(@CurrentCaller() caller: Caller, @Body() body: VerifyAuditTrailDto): Promise<AnchoredChainVerification> {
    return this.anchors.verify(caller, body.anchor);
  }
}
