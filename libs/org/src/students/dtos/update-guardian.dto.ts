import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, Length } from 'class-validator';
import { IsOmittable, Trim, VersionedUpdateDto } from '#core';
import { GUARDIAN_RELATIONS, type GuardianRelation } from '../../entities/guardian.entity.js';
import { PERSON_NAME_MAX_LENGTH } from '../rules/student-fields.js';
import { IsPhoneNumber } from './field-decorators.js';

export class UpdateGuardianDto extends VersionedUpdateDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: PERSON_NAME_MAX_LENGTH })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, PERSON_NAME_MAX_LENGTH)
  name?: string;

  @ApiPropertyOptional({ enum: GUARDIAN_RELATIONS, enumName: 'GuardianRelation' })
  @IsOmittable()
  @IsIn(GUARDIAN_RELATIONS)
  relation?: GuardianRelation;

  @ApiPropertyOptional({ example: '13812345678', description: 'Mainland mobile or landline, or an international number with +' })
  @IsOmittable()
  @IsString()
  @IsPhoneNumber()
  phone?: string;

  @ApiPropertyOptional({ description: 'Making a guardian primary makes the others not primary' })
  @IsOmittable()
  @IsBoolean()
  isPrimary?: boolean;
}

export type GuardianChanges = Omit<UpdateGuardianDto, 'version'>;
