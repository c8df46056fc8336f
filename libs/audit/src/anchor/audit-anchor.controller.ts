import { Body, Controller, Get, HttpCode } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({
    operationId: 'getAuditAnchor',
    summary: "Take a signed anchor of the school's audit chain head, to keep outside the system",
    description: 'The read is audited first, so the anchor covers its own audit entry.',
  })
  anchor(@CurrentCaller() caller: Caller): Promise<AuditAnchorView> {
    return this.anchors.take(caller);
  }

  /** One answer for both checks: the plain one is the anchored one without an anchor. */
  @Get('verify')
  @RequirePermission(Permission.AuditRead)
  @ApiOperation({
    operationId: 'verifyAuditTrail',
    summary: "Recheck every hash and link of the school's audit chain and name the first broken entry",
    description: 'Answers like `POST /audit-events/verify` without an anchor (`anchor: null`). Not audited.',
  })
  verifyPlain(@CurrentCaller() caller: Caller): Promise<AnchoredChainVerification> {
    return this.anchors.verify(caller);
  }

  @Post('verify')
  @RequirePermission(Permission.AuditRead)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'verifyAuditTrailWithAnchor',
    summary: 'Verify the audit chain and that nothing up to a saved anchor was deleted or changed',
    description:
      'Without an anchor (or without a body) it answers as `GET /audit-events/verify` does, with `anchor: null`. ' +
      "A forged anchor, or another school's, answers the same 400. Not audited.",
  })
  @ApiBody({ type: VerifyAuditTrailDto, required: false })
  verify(@CurrentCaller() caller: Caller, @Body() body: VerifyAuditTrailDto): Promise<AnchoredChainVerification> {
    return this.anchors.verify(caller, body.anchor);
  }
}
