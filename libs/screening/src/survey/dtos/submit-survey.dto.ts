import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsObject, IsOptional } from 'class-validator';
import { ANSWERS_SCHEMA, INPUT_FLAGS_SCHEMA } from '../../responses/dtos/answer-schemas.js';

export class SubmitSurveyDto {
  @ApiProperty({ enum: [true], description: 'true: the student agrees to the consent text' })
  @Equals(true, { message: 'must be true: the survey is answered only with consent' })
  consent: boolean;

  @ApiProperty({
    type: 'object',
    description: 'Per instrument code, the answers by item key: a choice item takes an option value, a yes/no item true or false',
    additionalProperties: ANSWERS_SCHEMA,
    example: { phq9: { item1: 0, item2: 1, item3: 0, item4: 2, item5: 0, item6: 0, item7: 1, item8: 0, item9: 0 } },
  })
  @IsObject()
  answers: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    description: 'Per instrument code, its input flags',
    additionalProperties: INPUT_FLAGS_SCHEMA,
    example: { upi: { asksForCounseling: true } },
  })
  @IsOptional()
  @IsObject()
  flags?: Record<string, unknown>;
}
