import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { normalizeThaiInput } from '@wian/thai';
import { ORGANISATION_KINDS, type OrganisationKind } from './organisation-kind.js';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\s*[0-9๐-๙]+\s*$/.test(value)
    ? Number(normalizeThaiInput(value))
    : value;

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 50 })
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit: number = 50;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(0)
  offset: number = 0;
}

export class SubtreeQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ORGANISATION_KINDS, description: 'Only members of this kind' })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;
}

export class OrganisationListQuery extends SubtreeQuery {
  @ApiPropertyOptional({
    description: 'Part of the Thai name, e.g. สกลนคร or พรรณานิคม',
    example: 'สกลนคร',
  })
  @IsOptional()
  @IsString()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normalizeThaiInput(value) : value,
  )
  @MinLength(1)
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'Only organisations in this province (its id)' })
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(1)
  provinceId?: number;

  @ApiPropertyOptional({ description: 'Only organisations in this district (its id)' })
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(1)
  districtId?: number;

  @ApiPropertyOptional({ description: 'true: active only; false: inactive only' })
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
