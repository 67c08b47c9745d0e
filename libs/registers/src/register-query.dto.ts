import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery, SearchText, ThaiInteger } from '@wian/http';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

export class RegisterEntryQuery extends PageQuery {
  @ApiPropertyOptional({ example: 2566, description: 'Buddhist year (or CE, converted)' })
  @ThaiInteger({ min: 1900, max: 2800 })
  @IsOptional()
  year?: number;

  @ApiPropertyOptional({ example: 1 })
  @ThaiInteger({ min: 1 })
  @IsOptional()
  numberFrom?: number;

  @ApiPropertyOptional({ example: 200 })
  @ThaiInteger({ min: 1 })
  @IsOptional()
  numberTo?: number;

  @ApiPropertyOptional({ example: '๑ มีนาคม ๒๕๖๖', description: 'Registered on or after this date' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  from?: string;

  @ApiPropertyOptional({ example: '2023-03-31', description: 'Registered on or before this date' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  to?: string;

  @ApiPropertyOptional({ example: 'กรมส่งเสริม', description: 'Part of the sender' })
  @SearchText()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  sender?: string;

  @ApiPropertyOptional({
    example: 'ศูนย์ช่วยเหลือประชาชน',
    description: 'Part of the subject (Thai substring search)',
  })
  @SearchText()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({
    example: 'ด่วนที่สุด',
    description:
      'ด่วนที่สุด, ด่วนมาก, ด่วน, ปกติ as on the letter, or most_urgent, very_urgent, urgent, normal',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  urgency?: string;

  @ApiPropertyOptional({ default: true })
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsOptional()
  @IsBoolean()
  includeCancelled?: boolean;

  /** A register page is longer than other lists: a clerk reads it like the book. */
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  override limit: number = 100;
}
