import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditService } from './audit.service.js';
import { auditEntities } from './entities/index.js';

/** The audit trail: global, since every module records to it. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(auditEntities)],
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
