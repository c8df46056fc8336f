import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { validationProblem } from '#core';
import { AvailabilityService } from '../availability/availability.service.js';
import { fitSlot, type SessionMode } from '../availability/availability.js';
import { CounselingSettingsRepository } from '../settings/counseling-settings.repository.js';
import { SchoolHolidays } from '../settings/school-holidays.js';
import { slotRefused } from './appointment-problems.js';

export interface Slot {
  startsAt: Date;
  endsAt: Date;
}

/** A session is at most this long; the database checks it too. */
export const MAX_SESSION_MINUTES = 240;

/** The requested times as a slot: 400 when the end is not after the start, too long, or in the past. */
export function parseSlot(startsAt: string, endsAt: string, now: Date): Slot {
  const slot = { startsAt: new Date(startsAt), endsAt: new Date(endsAt) };
  const minutes = (slot.endsAt.getTime() - slot.startsAt.getTime()) / 60_000;
  if (minutes <= 0) throw validationProblem([{ field: 'endsAt', message: 'must be after startsAt' }]);
  if (minutes > MAX_SESSION_MINUTES) throw validationProblem([{ field: 'endsAt', message: `must be at most ${MAX_SESSION_MINUTES} minutes after startsAt` }]);
  if (slot.startsAt.getTime() < now.getTime()) throw validationProblem([{ field: 'startsAt', message: 'must not be in the past' }]);
  return slot;
}

/**
 * Whether a counselor can hold a session then, and in which mode and place: inside their
 * availability (409 `appointment.outside_availability` or `.mode_unavailable` otherwise), and by
 * phone or video during holidays where the school asks for that. Overlaps are the database's job.
 */
@Injectable()
export class SlotPlacement {
  constructor(
    private readonly availability: AvailabilityService,
    private readonly settings: CounselingSettingsRepository,
    private readonly holidays: SchoolHolidays,
  ) {}

  async place(manager: EntityManager, schoolId: string, counselorId: string, slot: Slot, mode?: SessionMode): Promise<{ mode: SessionMode; place: string | null }> {
    const settings = await this.settings.find(manager, schoolId);
    const span = { start: slot.startsAt.getTime(), end: slot.endsAt.getTime() };
    const windows = await this.availability.windowsFor(manager, counselorId, span, settings.timeZone);
    const fit = fitSlot(windows, span, mode);
    if (!fit.fits) throw slotRefused(fit.reason);
    if (settings.remoteOnlyDuringHolidays && fit.mode === 'room' && (await this.holidays.overlapsHoliday(manager, schoolId, span))) {
      throw slotRefused('remote_only_during_holidays');
    }
    return { mode: fit.mode, place: fit.place };
  }
}
