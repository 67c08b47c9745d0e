import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery, ThaiInteger } from '@wian/http';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { normalizeThaiInput } from '@wian/thai';
import { ORGANISATION_KINDS, type OrganisationKind } from './organisation-kind.js';

export { PageQuery };

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
  @ThaiInteger({ min: 1 })
  @IsOptional()
  provinceId?: number;

  @ApiPropertyOptional({ description: 'Only organisations in this district (its id)' })
  @ThaiInteger({ min: 1 })
  @IsOptional()
  districtId?: number;

  @ApiPropertyOptional({ description: 'true: active only; false: inactive only' })
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
