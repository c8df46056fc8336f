import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { Trim } from '#core';

export class AcknowledgeAlertDto {
  @ApiProperty({ description: 'What was done (encrypted at rest)', minLength: 2, maxLength: 500, example: '已电话联系学生与家长，学生安全' })
  @Trim()
  @IsString()
  @Length(2, 500)
  note: string;
}
