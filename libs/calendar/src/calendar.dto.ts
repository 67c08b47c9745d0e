import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CleanText, Trimmed } from '@wian/http';
import { normalizeThaiInput } from '@wian/thai';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MAX_WORKING_DAYS } from './business-calendar.service.js';
import { ADDED_HOLIDAY_KINDS, type AddedHolidayKind } from './holiday-kind.js';

/** A signed whole number in either digit system ("-๓", "3") becomes a number. */
const SignedThaiInteger = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\s*[-−]?\s*[0-9๐-๙]+\s*$/.test(value)
      ? Number(normalizeThaiInput(value).replace(/\s/g, '').replace('−', '-'))
      : value,
  );

export class HolidaysQuery {
  @ApiPropertyOptional({
    example: '2566',
    description:
      'Year, Buddhist or Common Era, Thai or Arabic digits (2566, ๒๕๖๖, 2023); default this year',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  year?: string;
}

export class AddHolidayDto {
  @ApiProperty({ example: '๑๗ เมษายน ๒๕๖๖', description: 'Any Thai or ISO date form' })
  @IsString()
  @MaxLength(60)
  date!: string;

  @ApiProperty({ example: 'วันหยุดชดเชยวันสงกรานต์' })
  @CleanText()
  @IsString()
  @MinLength(2)
  @MaxLength(255)
  nameTh!: string;

  @ApiProperty({ enum: ADDED_HOLIDAY_KINDS })
  @IsIn(ADDED_HOLIDAY_KINDS)
  kind!: AddedHolidayKind;

  @ApiPropertyOptional({ example: 'มติคณะรัฐมนตรี ๒๘ กุมภาพันธ์ ๒๕๖๖' })
  @CleanText()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  note?: string;
}

export class RemoveHolidayDto {
  @ApiProperty({ example: '2566-12-31', description: 'Any Thai or ISO date form' })
  @IsString()
  @MaxLength(60)
  date!: string;

  @ApiPropertyOptional({ example: 'ประกาศสำนักนายกรัฐมนตรี: ไม่เป็นวันหยุดในปีนี้' })
  @CleanText()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  note?: string;
}

export class WorkingDaysQuery {
  @ApiProperty({ example: '๑๗ มีนาคม ๒๕๖๖', description: 'Start date, any Thai or ISO form' })
  @Trimmed()
  @IsString()
  @MaxLength(60)
  from!: string;

  @ApiPropertyOptional({
    example: 3,
    description: 'Working days to add (negative: before); give this or `to`',
  })
  @SignedThaiInteger()
  @IsOptional()
  @IsInt()
  @Min(-MAX_WORKING_DAYS)
  @Max(MAX_WORKING_DAYS)
  days?: number;

  @ApiPropertyOptional({
    example: '๒๔ มีนาคม ๒๕๖๖',
    description: 'Count the working days after `from` up to this date instead',
  })
  @Trimmed()
  @IsOptional()
  @IsString()
  @MaxLength(60)
  to?: string;
}
