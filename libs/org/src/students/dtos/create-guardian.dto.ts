import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { Trim } from '#core';
import { GUARDIAN_RELATIONS, type GuardianRelation } from '../../entities/guardian.entity.js';
import { PERSON_NAME_MAX_LENGTH } from '../rules/student-fields.js';
import { IsPhoneNumber } from './field-decorators.js';

export class CreateGuardianDto {
  @ApiProperty({ example: '张伟', minLength: 1, maxLength: PERSON_NAME_MAX_LENGTH })
  @Trim()
  @IsString()
  @Length(1, PERSON_NAME_MAX_LENGTH)
  name: string;

  @ApiProperty({ enum: GUARDIAN_RELATIONS, enumName: 'GuardianRelation' })
  @IsIn(GUARDIAN_RELATIONS)
  relation: GuardianRelation;

  @ApiProperty({ example: '13812345678', description: 'Mainland mobile or landline, or an international number with +; stored in one canonical spelling' })
  @IsString()
  @IsPhoneNumber()
  phone: string;

  @ApiPropertyOptional({ default: false, description: 'The one to call first; makes any other guardian not primary' })
  @IsOptional()
  @IsBoolean()
  isPrimary?: boolean;
}
