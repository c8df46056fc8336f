import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, ConflictProblem, validationProblem } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { classScopeOf } from '#org';
import { CatchUpRepository } from '../catch-ups/catch-up.repository.js';
import { deliveryNotFound, versionConflict } from '../shared/education-problems.js';
import { confirmationProblems, correctedFields } from './confirmation-checks.js';
import type { DeliveryConfirmationView, ConfirmDeliveryDto } from './confirmation.dtos.js';
import { DeliveryRepository } from './delivery.repository.js';

const cancelled = () => new ConflictProblem('education_delivery.cancelled', 'The activity was cancelled for this class before it took place');
const notStarted = () => new ConflictProblem('education_delivery.not_started', 'The activity has not started yet; confirm it once it has taken place');

/**
 * A class's confirmation that an activity took place, and corrections of it: each is a new
 * revision (the history stays), based on the delivery's version, with the catch-ups of the
 * students who missed it kept in step, all in one transaction.
 */
@Injectable()
export class DeliveryConfirmationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deliveries: DeliveryRepository,
    private readonly catchUps: CatchUpRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async confirm(caller: Caller, deliveryId: string, version: number, dto: ConfirmDeliveryDto): Promise<DeliveryConfirmationView> {
    const next = { presentCount: dto.presentCount, missedStudentIds: dto.missedStudentIds ?? [], note: dto.note ?? null };
    const confirmationId = await this.dataSource.transaction(async (manager) => {
      const delivery = await this.deliveries.lockVisible(manager, classScopeOf(caller), deliveryId);
      if (!delivery) throw deliveryNotFound();
      if (delivery.status === 'cancelled') throw cancelled();
      if (delivery.version !== version) throw versionConflict('education_delivery');
      const now = this.clock.now();
      if (now.getTime() < delivery.startsAt.getTime()) throw notStarted();

      const roll = await this.deliveries.classRoll(manager, delivery.classId, next.missedStudentIds);
      const problems = confirmationProblems(next, roll);
      if (problems.length > 0) throw validationProblem(problems);

      const previous = await this.deliveries.currentConfirmation(manager, deliveryId);
      const id = await this.deliveries.insertConfirmation(manager, {
        ...next,
        schoolId: caller.schoolId,
        deliveryId,
        classSize: roll.classSize,
        confirmedBy: caller.userId,
        confirmedAt: now,
      });
      if (!(await this.deliveries.markDeliveredAtVersion(manager, deliveryId, version, now))) throw versionConflict('education_delivery');
      await this.catchUps.syncWithMissed(manager, { schoolId: caller.schoolId, deliveryId, missedStudentIds: next.missedStudentIds, at: now });
      await this.audit.record(manager, caller, {
        action: previous ? 'education_delivery.correct' : 'education_delivery.confirm',
        entityType: 'education_delivery',
        entityId: deliveryId,
        changedFields: correctedFields(previous, next),
      });
      return id;
    });
    return (await this.deliveries.confirmation(deliveryId, confirmationId)) as DeliveryConfirmationView;
  }
}
