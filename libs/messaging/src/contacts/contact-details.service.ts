import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, ConflictProblem, type ProblemException, UnprocessableProblem } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { composeMessage } from '../content/message-content.js';
import type { PersonalChannel } from '../entities/staff-contact.entity.js';
import { MessagingConfig } from '../messaging-config.js';
import { MessageOutbox } from '../outbox/message-outbox.js';
import type { ContactDetailsView, UpdateContactDetailsDto, VerificationSentView } from './contact.dtos.js';
import { ContactVerificationRepository, hashVerificationCode } from './contact-verification.repository.js';
import { StaffContactRepository } from './staff-contact.repository.js';

const CODE_TTL_MS = 10 * 60_000;
/** A new code no sooner than this after the last: an SMS costs money, and a mailbox fills. */
const RESEND_AFTER_MS = 60_000;
const MAX_TRIES = 5;

type Confirmation = { ok: true } | { ok: false; problem: ProblemException };

/** A staff member's own contact details, and the codes that prove an address reaches them. */
@Injectable()
export class ContactDetailsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contacts: StaffContactRepository,
    private readonly verifications: ContactVerificationRepository,
    private readonly outbox: MessageOutbox,
    private readonly config: MessagingConfig,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  get(caller: Caller): Promise<ContactDetailsView> {
    return this.contacts.find(this.dataSource.manager, caller.userId);
  }

  async update(caller: Caller, version: number, body: UpdateContactDetailsDto): Promise<ContactDetailsView> {
    const changes = { email: body.email, mobile: body.mobile, preferredChannel: body.preferredChannel, quietHours: body.quietHours };
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.contacts.update(manager, caller.userId, version, changes, this.clock.now()))) {
        throw new ConflictProblem('contact.version_conflict', 'Your contact details changed since you read them; reload and try again');
      }
      await this.audit.record(manager, caller, {
        action: 'contact.update',
        entityType: 'user',
        entityId: caller.userId,
        changedFields: Object.entries(changes).filter(([, value]) => value !== undefined).map(([field]) => field),
      });
      return this.contacts.find(manager, caller.userId);
    });
  }

  /** Sends a six-digit code to the channel's address (verified or not: that is what it checks). */
  async requestVerification(caller: Caller, channel: PersonalChannel): Promise<VerificationSentView> {
    const configured = channel === 'email' ? this.config.emailConfigured() : this.config.smsConfigured();
    if (!configured) throw new UnprocessableProblem('contact.channel_off', `This server sends no ${channel === 'email' ? 'email' : 'SMS'}: ask the administrator`);
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      // The lock makes concurrent requests wait for each other, so that the next one sees this one's code.
      const details = await this.contacts.findForUpdate(manager, caller.userId);
      const address = channel === 'email' ? details.email : details.mobile;
      if (!address) throw new UnprocessableProblem('contact.no_address', `Save your ${channel === 'email' ? 'email address' : 'mobile number'} first`);
      // Counted from the last code sent, used up or not: five wrong tries must not buy a new message at once.
      const lastSentAt = await this.verifications.lastSentAt(manager, caller.userId, channel);
      if (lastSentAt && now.getTime() - lastSentAt.getTime() < RESEND_AFTER_MS) {
        throw new ConflictProblem('contact.verification_too_soon', 'A code was sent less than a minute ago; wait for it or try again shortly');
      }
      const id = randomUUID();
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
      await this.verifications.open(manager, { id, userId: caller.userId, channel, address, code, expiresAt, at: now });
      await this.outbox.enqueue(
        manager,
        [
          {
            schoolId: caller.schoolId,
            recipientId: caller.userId,
            channel,
            address,
            kind: 'contact.verification',
            urgency: 'urgent',
            dedupeKey: `contact-verification:${id}`,
            occurredAt: now,
            content: verificationMessage(code),
          },
        ],
        now,
      );
      await this.audit.record(manager, caller, { action: 'contact.verification_request', entityType: 'user', entityId: caller.userId, reason: channel });
      return { channel, address, expiresAt };
    });
  }

  async confirmVerification(caller: Caller, channel: PersonalChannel, code: string): Promise<ContactDetailsView> {
    // A wrong code must be counted even though the request fails: the transaction commits, then the problem is thrown.
    const outcome = await this.dataSource.transaction(async (manager): Promise<Confirmation> => {
      const now = this.clock.now();
      const open = await this.verifications.findOpenForUpdate(manager, caller.userId, channel);
      if (!open) return { ok: false, problem: new UnprocessableProblem('contact.no_verification', 'No code is waiting: ask for a new one') };
      if (open.expiresAt <= now) {
        await this.verifications.consume(manager, open.id, now);
        return { ok: false, problem: new UnprocessableProblem('contact.code_expired', 'The code has expired: ask for a new one') };
      }
      const expected = Buffer.from(open.codeHash, 'hex');
      if (!timingSafeEqual(expected, Buffer.from(hashVerificationCode(open.id, code), 'hex'))) {
        const tries = await this.verifications.countFailure(manager, open.id, MAX_TRIES, now);
        const left = Math.max(0, MAX_TRIES - tries);
        // Guessing shows in the trail: each wrong code is an entry, committed with its count.
        await this.audit.record(manager, caller, { action: 'contact.verify', outcome: 'denied', entityType: 'user', entityId: caller.userId, reason: `${channel}: wrong code, ${left} tries left` });
        return { ok: false, problem: new UnprocessableProblem('contact.code_wrong', left > 0 ? `Wrong code; ${left} tries left` : 'Wrong code; ask for a new one', { triesLeft: left }) };
      }
      await this.verifications.consume(manager, open.id, now);
      if (!(await this.contacts.markVerified(manager, caller.userId, channel, open.address, now))) {
        return { ok: false, problem: new UnprocessableProblem('contact.address_changed', 'The address changed after the code was sent: ask for a new one') };
      }
      await this.audit.record(manager, caller, { action: 'contact.verify', entityType: 'user', entityId: caller.userId, reason: channel });
      return { ok: true };
    });
    if (!outcome.ok) throw outcome.problem;
    return this.get(caller);
  }
}

function verificationMessage(code: string) {
  return composeMessage({
    subject: 'campus-care 验证码 / verification code',
    lines: [`您的验证码是 ${code}，10 分钟内有效。如非本人操作，请忽略。`],
    english: `Your campus-care verification code is ${code}; it expires in 10 minutes.`,
    sms: `【校园心理】验证码${code}，10分钟内有效。Code ${code}, valid 10 min.`,
  });
}
