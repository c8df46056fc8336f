import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { configProvider } from '#core';
import { AuditAnchorConfig } from './anchor/audit-anchor-config.js';
import { AuditAnchorController } from './anchor/audit-anchor.controller.js';
import { AuditAnchorRepository } from './anchor/audit-anchor.repository.js';
import { AuditAnchorService } from './anchor/audit-anchor.service.js';
import { AuditService } from './audit.service.js';
import { auditEntities } from './entities/index.js';
import { AuditEventRepository } from './trail/audit-event.repository.js';
import { AuditEventsController } from './trail/audit-events.controller.js';
import { AuditTrailService } from './trail/audit-trail.service.js';

/** The audit trail: global, since every module records to it; administrators read and verify it. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(auditEntities)],
  controllers: [AuditEventsController, AuditAnchorController],
  providers: [
    AuditService,
    AuditEventRepository,
    AuditTrailService,
    configProvider(AuditAnchorConfig),
    AuditAnchorRepository,
    AuditAnchorService,
  ],
  exports: [AuditService, AuditAnchorService],
})
export class AuditModule {}
