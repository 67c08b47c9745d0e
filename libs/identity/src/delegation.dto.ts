import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Trimmed } from '@wian/http';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';

const DATE = 'ISO (2023-03-14) or Thai (๑๔ มีนาคม ๒๕๖๖, 14 มี.ค. 66 is refused: give the full year)';

export class CreateDelegationDto {
  @ApiProperty({
    enum: ['acting_on_behalf', 'acting_in_post'],
    description: 'ปฏิบัติราชการแทน / รักษาราชการแทน',
  })
  @IsIn(['acting_on_behalf', 'acting_in_post'])
  kind!: 'acting_on_behalf' | 'acting_in_post';

  @ApiProperty({
    description: 'The position whose powers are delegated (e.g. ผู้ว่าราชการจังหวัดสกลนคร)',
  })
  @IsUUID()
  principalPositionId!: string;

  @ApiPropertyOptional({ description: 'Delegate: whoever holds this position (one of the two)' })
  @IsOptional()
  @IsUUID()
  delegatePositionId?: string;

  @ApiPropertyOptional({ description: 'Delegate: this person (one of the two)' })
  @IsOptional()
  @IsUUID()
  delegateUserId?: string;

  @ApiProperty({ description: 'All matters, or only scopeActions' })
  @IsBoolean()
  scopeAll!: boolean;

  @ApiPropertyOptional({ example: ['document.sign'], description: 'Actions from the catalogue' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsString({ each: true })
  scopeActions?: string[];

  @ApiProperty({ example: 'คำสั่งจังหวัดสกลนคร ที่ ๑๒๓/๒๕๖๖' })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  orderNumber!: string;

  @ApiProperty({ example: '๑ มีนาคม ๒๕๖๖', description: DATE })
  @IsString()
  @MaxLength(40)
  orderDate!: string;

  @ApiProperty({ example: '2023-03-01', description: DATE })
  @IsString()
  @MaxLength(40)
  validFrom!: string;

  @ApiPropertyOptional({ example: '2023-09-30', description: `${DATE}; open-ended when absent` })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  validUntil?: string;

  @ApiPropertyOptional({ default: false, description: 'May the delegate delegate onwards?' })
  @IsOptional()
  @IsBoolean()
  allowSubdelegation?: boolean;

  @ApiPropertyOptional({ description: 'For an onward delegation: the delegation it is made under' })
  @IsOptional()
  @IsUUID()
  parentDelegationId?: string;
}

export class RevokeDelegationDto {
  @ApiProperty({ example: 'ผู้รับมอบย้ายไปดำรงตำแหน่งอื่น' })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason!: string;
}

export class ResolveAuthorityDto {
  @ApiProperty({ description: 'The position on whose authority you would act or sign' })
  @IsUUID()
  principalPositionId!: string;

  @ApiProperty({ example: 'document.sign' })
  @IsString()
  @MaxLength(64)
  action!: string;

  @ApiPropertyOptional({ example: '๑๔ มีนาคม ๒๕๖๖', description: `${DATE}; default today` })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  on?: string;
}

export class DateQuery {
  @ApiPropertyOptional({ example: '2023-03-14', description: `${DATE}; default today` })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  date?: string;
}
