import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { INT4_MAX, IsVersion, PageQuery, Trim, type Uuid } from '#core';
import { HARDSHIP_AID_STATUSES, type HardshipAidStatus } from '../entities/hardship-aid.entity.js';

export const CIRCUMSTANCES_MAX_LENGTH = 2000;
export const REASON_MAX_LENGTH = 2000;
/** 100,000.00 CNY: far above any temporary aid, well inside an integer column. */
export const MAX_AMOUNT_FEN = 10_000_000;

export class ApplyHardshipAidDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  studentId: string;

  @ApiProperty({ type: 'integer', description: 'Amount requested in fen (1/100 CNY)', minimum: 1, maximum: MAX_AMOUNT_FEN, example: 150000 })
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_FEN)
  amountRequestedFen: number;

  @ApiProperty({ description: "The family's circumstances; encrypted at rest", minLength: 1, maxLength: CIRCUMSTANCES_MAX_LENGTH })
  @Trim()
  @IsString()
  @Length(1, CIRCUMSTANCES_MAX_LENGTH)
  circumstances: string;
}

const TARGETS = ['approved', 'rejected', 'paid'] as const;

export class TransitionHardshipAidDto {
  @ApiProperty({ enum: TARGETS })
  @IsIn(TARGETS)
  to: Exclude<HardshipAidStatus, 'submitted'>;

  @ApiPropertyOptional({ description: 'Required to reject, and only then; encrypted at rest', minLength: 1, maxLength: REASON_MAX_LENGTH })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, REASON_MAX_LENGTH)
  reason?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'Amount paid in fen: required to record payment, and only then', minimum: 1, maximum: MAX_AMOUNT_FEN })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_FEN)
  amountPaid?: number;

  @ApiPropertyOptional({ description: 'The transfer or voucher reference: required to record payment, and only then', minLength: 1, maxLength: 100 })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  paymentReference?: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: INT4_MAX, description: 'The version the change is based on' })
  @IsVersion()
  version: number;
}

export class HardshipAidListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: HARDSHIP_AID_STATUSES, enumName: 'HardshipAidStatus' })
  @IsOptional()
  @IsIn(HARDSHIP_AID_STATUSES)
  status?: HardshipAidStatus;
}

export interface HardshipAidStepView {
  /** null for the application itself. */
  from: HardshipAidStatus | null;
  to: HardshipAidStatus;
  actorId: Uuid;
  actorName: string;
  at: Date;
}

/**
 * An application as the caller may see it: class teachers and counselors its student and status;
 * administrators also the amounts, circumstances, rejection reason and payment.
 */
export interface HardshipAidView {
  id: Uuid;
  holidayId: Uuid;
  studentId: Uuid;
  studentName: string;
  classId: Uuid;
  className: string;
  status: HardshipAidStatus;
  /** The user who applied. */
  appliedBy: Uuid;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  /** From here on: only for reviewers (administrators); absent for everyone else. */
  amountRequestedFen?: number;
  circumstances?: string;
  reviewedBy?: Uuid | null;
  reviewedAt?: Date | null;
  rejectionReason?: string | null;
  amountPaidFen?: number | null;
  paidAt?: Date | null;
  paymentReference?: string | null;
  paidBy?: Uuid | null;
}

export interface HardshipAidDetail extends HardshipAidView {
  history: HardshipAidStepView[];
}
