import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { Trim, type Uuid } from '#core';

export class WriteSessionNoteDto {
  @ApiProperty({ minLength: 1, maxLength: 20_000, description: 'What happened in the session (encrypted at rest; never logged or audited)' })
  @Trim()
  @IsString()
  @Length(1, 20_000)
  body: string;
}

export interface SessionNoteView {
  id: Uuid;
  appointmentId: Uuid;
  authorId: Uuid;
  authorName: string;
  body: string;
  createdAt: Date;
}
