import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { CoreModule, DatabaseModule, IdempotencyModule, RateLimitModule } from '#core';
import { AlertsModule } from '#alerts';
import { AuditModule } from '#audit';
import { CasesModule } from '#cases';
import { ConcernFlagsModule } from '#concern-flags';
import { CounselingModule } from '#counseling';
import { CryptoModule } from '#crypto';
import { EducationModule } from '#education';
import { HolidaysModule } from '#holidays';
import { IdentityModule } from '#identity';
import { MessagingModule } from '#messaging';
import { NotificationsModule } from '#notifications';
import { OrgModule } from '#org';
import { RemindersModule } from '#reminders';
import { RiskModule } from '#risk';
import { ScreeningModule } from '#screening';
import { migrations } from '#migrations';

/** The HTTP server: wires the bounded contexts together and nothing else. */
@Module({
  imports: [
    CoreModule,
    DatabaseModule.forRoot({ migrations }),
    ScheduleModule.forRoot(),
    IdempotencyModule,
    RateLimitModule,
    AuditModule,
    CryptoModule,
    IdentityModule,
    OrgModule,
    NotificationsModule,
    MessagingModule,
    AlertsModule,
    ConcernFlagsModule,
    RiskModule,
    CasesModule,
    CounselingModule,
    ScreeningModule,
    EducationModule,
    HolidaysModule,
    RemindersModule,
  ],
})
export class AppModule {}
