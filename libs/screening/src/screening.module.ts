import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InstrumentRepository } from './instruments/instrument.repository.js';
import { InstrumentsController } from './instruments/instruments.controller.js';
import { InstrumentsService } from './instruments/instruments.service.js';
import { screeningEntities } from './screening-entities.js';

/** Monitoring and early warning: screening instruments and their scoring (campaigns and responses next). */
@Module({
  imports: [TypeOrmModule.forFeature(screeningEntities)],
  controllers: [InstrumentsController],
  providers: [InstrumentRepository, InstrumentsService],
  exports: [InstrumentRepository],
})
export class ScreeningModule {}
