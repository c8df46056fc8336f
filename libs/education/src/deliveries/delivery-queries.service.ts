import { Injectable } from '@nestjs/common';
import { type Page, toPage } from '#core';
import type { Caller } from '#access';
import { classScopeOf } from '#org';
import { confirmationNotFound, deliveryNotFound } from '../shared/education-problems.js';
import type { ConfirmationListQuery, DeliveryConfirmationView, DeliveryView } from './confirmation.dtos.js';
import { type DeliveryRow, DeliveryRepository } from './delivery.repository.js';

/** A delivery with its current confirmation, and the history of its confirmations. */
@Injectable()
export class DeliveryQueriesService {
  constructor(private readonly deliveries: DeliveryRepository) {}

  async get(caller: Caller, deliveryId: string): Promise<DeliveryView> {
    const delivery = await this.visible(caller, deliveryId);
    return { ...delivery, confirmation: await this.deliveries.confirmation(deliveryId, null) };
  }

  async history(caller: Caller, deliveryId: string, query: ConfirmationListQuery): Promise<Page<DeliveryConfirmationView>> {
    await this.visible(caller, deliveryId);
    const rows = await this.deliveries.confirmationsOf(deliveryId, query);
    return toPage(rows, query, (row) => [row.revision]);
  }

  async confirmation(caller: Caller, deliveryId: string, confirmationId: string): Promise<DeliveryConfirmationView> {
    await this.visible(caller, deliveryId);
    const confirmation = await this.deliveries.confirmation(deliveryId, confirmationId);
    if (!confirmation) throw confirmationNotFound();
    return confirmation;
  }

  private async visible(caller: Caller, deliveryId: string): Promise<DeliveryRow> {
    const delivery = await this.deliveries.findVisible(classScopeOf(caller), deliveryId);
    if (!delivery) throw deliveryNotFound();
    return delivery;
  }
}
