import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '#core';
import type { ChainHashAlg } from '../chain/audit-chain.js';

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied', 'not_found'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * One recorded action or read. Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and
 * chained per school: `hash` = HMAC-SHA256 (under a key the database does not hold) over the
 * canonical entry and the previous entry's hash; plain SHA-256 for entries from before the keying.
 * No foreign keys: the trail must outlive and never block what it describes.
 */
@Entity('audit_events')
@Index('audit_events_school_seq_idx', ['schoolId', 'seq'])
@Index('audit_events_school_student_idx', ['schoolId', 'studentId', 'seq'])
@Index('audit_events_school_actor_idx', ['schoolId', 'actorId', 'seq'])
@Index('audit_events_school_action_idx', ['schoolId', 'action', 'seq'])
@Index('audit_events_school_entity_idx', ['schoolId', 'entityType', 'entityId', 'seq'])
@Index('audit_events_school_time_idx', ['schoolId', 'occurredAt'])
@Index('audit_events_school_outcome_idx', ['schoolId', 'outcome', 'seq'])
@Check('audit_events_outcome_check', `outcome IN ('success', 'failure', 'denied', 'not_found')`)
@Check('audit_events_severity_check', `severity IN ('normal', 'high')`)
@Check('audit_events_hash_alg_check', `hash_alg IN ('sha256', 'hmac-sha256')`)
@Index('audit_events_unkeyed_idx', ['schoolId'], { where: `hash_alg = 'sha256'` })
export class AuditEvent {
  /** Assigned under the chain lock, so within a school `seq` order is chain order. */
  @PrimaryColumn({ type: 'bigint' })
  seq: string;

  @TimestampColumn()
  occurredAt: Date;

  /** Null for events that belong to no school (a sign-in with an unknown user name). */
  @Column({ type: 'uuid', nullable: true })
  schoolId: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text', nullable: true })
  actorRole: string | null;

  /** `<entity>.<verb>`, e.g. `student.read`, `auth.login`. */
  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text', nullable: true })
  entityType: string | null;

  @Column({ type: 'uuid', nullable: true })
  entityId: string | null;

  /** The student the event concerns, so "who touched this child's records" is one query. */
  @Column({ type: 'uuid', nullable: true })
  studentId: string | null;

  @Column({ type: 'text' })
  outcome: AuditOutcome;

  @Column({ type: 'text', default: 'normal' })
  severity: 'normal' | 'high';

  /** Text, not inet: the hash covers exactly the characters stored. */
  @Column({ type: 'text', nullable: true })
  clientIp: string | null;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** Names of the fields a write changed, never their values. */
  @Column({ type: 'text', array: true, nullable: true })
  changedFields: string[] | null;

  /** Set when the action was made under emergency access. */
  @Column({ type: 'uuid', nullable: true })
  breakGlassGrantId: string | null;

  /** No default: code that does not key its entries cannot write any. */
  @Column({ type: 'text' })
  hashAlg: ChainHashAlg;

  @Column({ type: 'bytea', nullable: true })
  prevHash: Buffer | null;

  @Column({ type: 'bytea' })
  hash: Buffer;
}
