import { ApiPropertyOptional } from '@nestjs/swagger';
import { ThaiInteger } from '@wian/http';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export class NotificationQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only unread notifications' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @ThaiInteger()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @ThaiInteger()
  @IsOptional()
  @IsInt()
  @Min(0)
  offset?: number;
}
