import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertsModule } from '#alerts';
import { CasesModule } from '#cases';
import { RiskModule } from '#risk';
import { ConcernFlagRepository } from './concern-flag.repository.js';
import { ConcernFlagsController } from './concern-flags.controller.js';
import { ConcernFlagsService } from './concern-flags.service.js';
import { concernFlagEntities } from './entities/index.js';

/** Concerns class teachers raise about their students, triaged by counselors. */
@Module({
  imports: [TypeOrmModule.forFeature(concernFlagEntities), AlertsModule, RiskModule, CasesModule],
  controllers: [ConcernFlagsController],
  providers: [ConcernFlagRepository, ConcernFlagsService],
  exports: [ConcernFlagsService],
})
export class ConcernFlagsModule {}
