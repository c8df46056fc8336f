import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsObject, IsOptional } from 'class-validator';

export class SubmitSurveyDto {
  @ApiProperty({ description: 'true: the student agrees to the consent text' })
  @Equals(true, { message: 'must be true: the survey is answered only with consent' })
  consent: boolean;

  @ApiProperty({
    description: 'Per instrument code, the answers by item key: a choice item takes an option value, a yes/no item true or false',
    example: { phq9: { item1: 0, item2: 1, item3: 0, item4: 2, item5: 0, item6: 0, item7: 1, item8: 0, item9: 0 } },
  })
  @IsObject()
  answers: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Per instrument code, its input flags', example: { upi: { asksForCounseling: true } } })
  @IsOptional()
  @IsObject()
  flags?: Record<string, unknown>;
}
