import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ThaiInteger, Trimmed } from '@wian/http';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ROLES, type Role } from './role.js';

export class CreatePositionDto {
  @ApiProperty({ example: 1234, description: 'Organisation (or internal unit) of the post' })
  @ThaiInteger({ min: 1 })
  organisationId!: number;

  @ApiProperty({ example: 'รองผู้ว่าราชการจังหวัด', description: 'Title as printed under a signature' })
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(255)
  titleTh!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['executive'] })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles!: Role[];
}

export class UpdatePositionDto {
  @ApiPropertyOptional({ example: 'ผู้ว่าราชการจังหวัดสกลนคร' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(255)
  titleTh?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

const ISO_OR_THAI_DATE = 'a date such as 2023-03-14 or ๑๔ มีนาคม ๒๕๖๖';

export class CreateUserDto {
  @ApiProperty({ example: 'chayut.w', description: 'Lower-case letters, digits, . _ -' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  )
  @Matches(/^[a-z][a-z0-9._-]{2,63}$/, {
    message: 'must be 3-64 lower-case letters, digits, . _ - starting with a letter',
  })
  username!: string;

  @ApiProperty({ example: 'นายชยุต วงศ์วณิช' })
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(255)
  fullNameTh!: string;

  @ApiPropertyOptional({ example: 'saraban@sakonnakhon.go.th' })
  @IsOptional()
  @IsEmail()
  @MaxLength(255)
  email?: string;

  @ApiProperty({ description: 'Checked against the password policy' })
  @IsString()
  @MaxLength(128)
  password!: string;

  @ApiProperty({ description: 'The position the new user holds' })
  @IsUUID()
  positionId!: string;

  @ApiPropertyOptional({
    example: '2023-03-01',
    description: `Start of the holding: ${ISO_OR_THAI_DATE}; default today`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  startsOn?: string;
}

export class AssignHolderDto {
  @ApiProperty()
  @IsUUID()
  userId!: string;

  @ApiPropertyOptional({ example: '2023-03-01', description: ISO_OR_THAI_DATE })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  startsOn?: string;

  @ApiPropertyOptional({ example: '2023-09-30', description: ISO_OR_THAI_DATE })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  endsOn?: string;
}

export class OrganisationIdQuery {
  @ApiProperty({ example: 1234 })
  @ThaiInteger({ min: 1 })
  organisationId!: number;
}
