import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { PageQuery, Trim, type Uuid } from '#core';

export class AddCaseNoteDto {
  @ApiProperty({ description: 'The note (encrypted at rest; never edited: a correction is a new note)', minLength: 1, maxLength: 20_000 })
  @Trim()
  @IsString()
  @Length(1, 20_000)
  body: string;
}

export class CaseNoteListQuery extends PageQuery {}

/** A note as created: the body stays out of the answer, see CaseNotesController.add. */
export interface CaseNoteReceipt {
  id: Uuid;
  caseId: Uuid;
  authorId: Uuid;
  authorName: string;
  createdAt: Date;
}

export interface CaseNoteView extends CaseNoteReceipt {
  /** Decrypted. */
  body: string;
}
