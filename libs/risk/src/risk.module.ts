import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '#identity';
import { riskEntities } from './entities/index.js';
import { RiskRecomputeJob } from './risk-recompute.job.js';
import { RiskRegisterController } from './risk-register.controller.js';
import { RiskRegisterService } from './risk-register.service.js';
import { RiskRepository } from './risk.repository.js';

/** The risk register: every student's current level, its sources and history. */
@Module({
  imports: [TypeOrmModule.forFeature(riskEntities), IdentityModule],
  controllers: [RiskRegisterController],
  providers: [RiskRepository, RiskRegisterService, RiskRecomputeJob],
  exports: [RiskRegisterService, RiskRecomputeJob],
})
export class RiskModule {}
