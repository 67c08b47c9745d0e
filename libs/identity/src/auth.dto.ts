import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class SignInDto {
  @ApiProperty({ example: 'chayut.w' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username!: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  password!: string;

  @ApiPropertyOptional({ description: 'The position to act in, when the user holds several' })
  @IsOptional()
  @IsUUID()
  positionId?: string;
}

export class RefreshDto {
  @ApiProperty({ example: 'rt_…' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  refreshToken!: string;

  @ApiPropertyOptional({ description: 'Switch the acting position with the new tokens' })
  @IsOptional()
  @IsUUID()
  positionId?: string;
}

export class SignOutDto {
  @ApiProperty({ example: 'rt_…' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  refreshToken!: string;
}
