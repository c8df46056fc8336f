import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import type { Uuid } from '#core';

export class AssignClassTeacherDto {
  @ApiProperty({ format: 'uuid', description: 'An active class teacher of the school' })
  @IsUUID()
  userId: string;

  @ApiPropertyOptional({ default: false, description: "Ends the class's current assignments in the same step" })
  @IsOptional()
  @IsBoolean()
  replaceCurrent?: boolean;
}

export interface TeacherAssignmentView {
  id: Uuid;
  classId: Uuid;
  userId: Uuid;
  displayName: string;
  startedAt: Date;
  /** Null while the assignment is current. */
  endedAt: Date | null;
  /** The user who made the assignment; null when not recorded. */
  assignedBy: Uuid | null;
}
