import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { BadRequestProblem, Clock, ConflictProblem, NotFoundProblem, type Page, type PageQuery, toPage } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { FieldCipher } from '#crypto';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../entities/webhook-endpoint.entity.js';
import { MessagingConfig } from '../messaging-config.js';
import { generateWebhookSecret } from '../signing/standard-webhook-signature.js';
import { secretBinding, type WebhookEndpointChanges, WebhookEndpointRepository } from './webhook-endpoint.repository.js';
import { WebhookEvents } from './webhook-events.js';
import { checkWebhookUrl } from './webhook-url.js';
import type { CreateWebhookEndpointDto, UpdateWebhookEndpointDto, WebhookEndpointView, WebhookEndpointWithSecret, WebhookTestQueued } from './webhook.dtos.js';

/** Endpoints a school may have: each event fans out to every one. */
export const MAX_ENDPOINTS_PER_SCHOOL = 20;

const notFound = () => new NotFoundProblem('webhook.not_found', 'No such webhook endpoint');
const versionConflict = () => new ConflictProblem('webhook.version_conflict', 'The endpoint changed since you read it; reload and try again');

/** The subscribed events in the closed list's order, so that a list reads the same however it was sent. */
const inListOrder = (events: WebhookEventType[]) => WEBHOOK_EVENT_TYPES.filter((type) => events.includes(type));

/**
 * A school's webhook endpoints, kept by its administrators. The signing secret is made here and
 * shown once (registration, rotation); only its encryption is stored. Every write is audited in
 * its transaction; another school's endpoint answers 404, like a missing one.
 */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly events: WebhookEvents,
    private readonly cipher: FieldCipher,
    private readonly config: MessagingConfig,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller, page: PageQuery): Promise<Page<WebhookEndpointView>> {
    const rows = await this.endpoints.listOfSchool(caller.schoolId, page);
    return toPage(rows, page, (row) => [row.createdAt.toISOString(), row.id]);
  }

  async get(caller: Caller, endpointId: string): Promise<WebhookEndpointView> {
    return this.find(this.dataSource.manager, caller, endpointId);
  }

  async create(caller: Caller, dto: CreateWebhookEndpointDto): Promise<WebhookEndpointWithSecret> {
    const url = this.allowedUrl(dto.url);
    const id = randomUUID();
    const secret = generateWebhookSecret();
    return this.dataSource.transaction(async (manager) => {
      const inserted = await this.endpoints.insert(
        manager,
        {
          id,
          schoolId: caller.schoolId,
          url,
          description: dto.description ?? null,
          events: inListOrder(dto.events),
          secret: this.cipher.encrypt(secret, secretBinding(id)),
          createdBy: caller.userId,
        },
        MAX_ENDPOINTS_PER_SCHOOL,
        this.clock.now(),
      );
      if (!inserted) {
        throw new ConflictProblem('webhook.too_many', `The school has ${MAX_ENDPOINTS_PER_SCHOOL} webhook endpoints already; remove one first`);
      }
      await this.audit.record(manager, caller, {
        action: 'webhook.create',
        entityType: 'webhook_endpoint',
        entityId: id,
        changedFields: ['url', 'events', ...(dto.description ? ['description'] : []), 'secret'],
      });
      return { ...(await this.find(manager, caller, id)), secret };
    });
  }

  async update(caller: Caller, endpointId: string, version: number, dto: UpdateWebhookEndpointDto): Promise<WebhookEndpointView> {
    const url = dto.url === undefined ? undefined : this.allowedUrl(dto.url);
    return this.dataSource.transaction(async (manager) => {
      const current = await this.find(manager, caller, endpointId);
      if (current.version !== version) throw versionConflict();
      const events = dto.events && inListOrder(dto.events);
      const changes: WebhookEndpointChanges = {
        url: url !== current.url ? url : undefined,
        description: dto.description !== undefined && dto.description !== current.description ? dto.description : undefined,
        events: events && events.join() !== current.events.join() ? events : undefined,
        enabled: dto.enabled !== undefined && dto.enabled !== current.enabled ? dto.enabled : undefined,
      };
      const changedFields = Object.entries(changes).filter(([, value]) => value !== undefined).map(([field]) => field);
      if (changedFields.length === 0) return current;
      if (!(await this.endpoints.updateAtVersion(manager, caller.schoolId, endpointId, version, changes, this.clock.now()))) throw versionConflict();
      await this.audit.record(manager, caller, { action: 'webhook.update', entityType: 'webhook_endpoint', entityId: endpointId, changedFields });
      return this.find(manager, caller, endpointId);
    });
  }

  async remove(caller: Caller, endpointId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.endpoints.delete(manager, caller.schoolId, endpointId))) throw notFound();
      await this.audit.record(manager, caller, { action: 'webhook.delete', entityType: 'webhook_endpoint', entityId: endpointId });
    });
  }

  /** A new secret, answered once; deliveries from now on are signed with it alone. */
  async rotateSecret(caller: Caller, endpointId: string): Promise<WebhookEndpointWithSecret> {
    const secret = generateWebhookSecret();
    return this.dataSource.transaction(async (manager) => {
      const rotated = await this.endpoints.replaceSecret(manager, caller.schoolId, endpointId, this.cipher.encrypt(secret, secretBinding(endpointId)), this.clock.now());
      if (!rotated) throw notFound();
      await this.audit.record(manager, caller, { action: 'webhook.rotate_secret', entityType: 'webhook_endpoint', entityId: endpointId, changedFields: ['secret'] });
      return { ...(await this.find(manager, caller, endpointId)), secret };
    });
  }

  /** Queues a `webhook.test` event for this endpoint, whatever it subscribes to. */
  async sendTest(caller: Caller, endpointId: string): Promise<WebhookTestQueued> {
    return this.dataSource.transaction(async (manager) => {
      const endpoint = await this.find(manager, caller, endpointId);
      if (!endpoint.enabled) throw new ConflictProblem('webhook.disabled', 'The endpoint is switched off: enable it first');
      const now = this.clock.now();
      const messageId = await this.events.publishTo(manager, endpointId, {
        schoolId: caller.schoolId,
        type: 'webhook.test',
        occurredAt: now,
        entityType: 'webhook_endpoint',
        entityId: endpointId,
        data: { webhookId: endpointId, requestedBy: caller.userId, link: this.events.apiLink(`webhooks/${endpointId}`) },
      });
      await this.audit.record(manager, caller, { action: 'webhook.test', entityType: 'webhook_endpoint', entityId: endpointId });
      return { webhookId: endpointId, messageId, type: 'webhook.test', queuedAt: now };
    });
  }

  private async find(manager: EntityManager, caller: Caller, endpointId: string): Promise<WebhookEndpointView> {
    const endpoint = await this.endpoints.findInSchool(manager, caller.schoolId, endpointId);
    if (!endpoint) throw notFound();
    return endpoint;
  }

  private allowedUrl(raw: string): string {
    const check = checkWebhookUrl(raw, this.config.production());
    if (!check.ok) throw new BadRequestProblem('webhook.url_not_allowed', 'The URL cannot be a webhook endpoint', [{ field: 'url', message: check.message }]);
    return check.url;
  }
}
