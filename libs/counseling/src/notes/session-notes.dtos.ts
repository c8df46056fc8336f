import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { Trim } from '#core';

export class WriteSessionNoteDto {
  @ApiProperty({ description: 'What happened in the session (encrypted at rest; never logged or audited)' })
  @Trim()
  @IsString()
  @Length(1, 20_000)
  body: string;
}

export interface SessionNoteView {
  id: string;
  appointmentId: string;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: Date;
}
