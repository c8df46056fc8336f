import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertsModule } from '#alerts';
import { CasesModule } from '#cases';
import { HolidaysModule } from '#holidays';
import { NotificationsModule } from '#notifications';
import { AppointmentOutcomeService } from './appointments/appointment-outcome.service.js';
import { AppointmentQueryService } from './appointments/appointment-query.service.js';
import { AppointmentRequestService } from './appointments/appointment-request.service.js';
import { AppointmentRequestsController } from './appointments/appointment-requests.controller.js';
import { AppointmentRepository } from './appointments/appointment.repository.js';
import { AppointmentsController } from './appointments/appointments.controller.js';
import { BookingService } from './appointments/booking.service.js';
import { CaseLinkRepository } from './appointments/case-link.repository.js';
import { CaseLinker } from './appointments/case-linker.js';
import { NoShowFollowUp } from './appointments/no-show-follow-up.js';
import { OfferExpiryJob } from './appointments/offer-expiry.job.js';
import { OverlapGuard } from './appointments/overlap-guard.js';
import { RequesterNotices } from './appointments/requester-notices.js';
import { SlotPlacement } from './appointments/slot-placement.js';
import { WaitlistRepository } from './appointments/waitlist.repository.js';
import { WaitlistService } from './appointments/waitlist.service.js';
import { AvailabilityRepository } from './availability/availability.repository.js';
import { AvailabilityService } from './availability/availability.service.js';
import { CalendarFeedController, MyCalendarFeedController } from './calendar-export/calendar-feed.controller.js';
import { CalendarFeedRepository } from './calendar-export/calendar-feed.repository.js';
import { CalendarFeedService } from './calendar-export/calendar-feed.service.js';
import { CalendarRepository } from './calendar/calendar.repository.js';
import { CalendarService } from './calendar/calendar.service.js';
import { CounselorsController } from './calendar/counselors.controller.js';
import { counselingEntities } from './entities/index.js';
import { SessionNoteRepository } from './notes/session-note.repository.js';
import { SessionNotesController } from './notes/session-notes.controller.js';
import { SessionNotesService } from './notes/session-notes.service.js';
import { CounselingReportController } from './reports/counseling-report.controller.js';
import { CounselingReportRepository } from './reports/counseling-report.repository.js';
import { CounselingReportService } from './reports/counseling-report.service.js';
import { CounselingSettingsController } from './settings/counseling-settings.controller.js';
import { CounselingSettingsRepository } from './settings/counseling-settings.repository.js';
import { CounselingSettingsService } from './settings/counseling-settings.service.js';
import { SchoolHolidays } from './settings/school-holidays.js';

/** Counseling services: counselors' calendars, appointments that never double-book, session notes, reports. */
@Module({
  imports: [TypeOrmModule.forFeature(counselingEntities), AlertsModule, CasesModule, HolidaysModule, NotificationsModule],
  controllers: [
    // The static `counselors/me/...` routes before the `counselors/:counselorId/...` ones.
    MyCalendarFeedController,
    CounselorsController,
    AppointmentRequestsController,
    AppointmentsController,
    SessionNotesController,
    CalendarFeedController,
    CounselingReportController,
    CounselingSettingsController,
  ],
  providers: [
    CounselingSettingsRepository,
    CounselingSettingsService,
    SchoolHolidays,
    AvailabilityRepository,
    AvailabilityService,
    CalendarRepository,
    CalendarService,
    AppointmentRepository,
    WaitlistRepository,
    CaseLinkRepository,
    SlotPlacement,
    OverlapGuard,
    CaseLinker,
    RequesterNotices,
    WaitlistService,
    OfferExpiryJob,
    NoShowFollowUp,
    BookingService,
    AppointmentRequestService,
    AppointmentOutcomeService,
    AppointmentQueryService,
    SessionNoteRepository,
    SessionNotesService,
    CalendarFeedRepository,
    CalendarFeedService,
    CounselingReportRepository,
    CounselingReportService,
  ],
  exports: [SchoolHolidays, WaitlistService],
})
export class CounselingModule {}
