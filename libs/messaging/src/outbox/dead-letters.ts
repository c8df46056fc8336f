import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ClaimedMessage } from './message-delivery.repository.js';

/** Runs in the transaction that marks the message dead, so the follow-up is never lost. */
export type DeadLetterHandler = (manager: EntityManager, message: Omit<ClaimedMessage, 'content'>, at: Date) => Promise<void>;

/**
 * What other modules do when a message of theirs is given up on: the alerts module, for
 * instance, tells the administrators that a page to the officer on duty did not get through.
 * Modules register at init by message kind.
 */
@Injectable()
export class DeadLetters {
  private readonly handlers = new Map<string, DeadLetterHandler>();

  onDead(kind: string, handler: DeadLetterHandler): void {
    this.handlers.set(kind, handler);
  }

  async handle(manager: EntityManager, message: Omit<ClaimedMessage, 'content'>, at: Date): Promise<void> {
    await this.handlers.get(message.kind)?.(manager, message, at);
  }
}
