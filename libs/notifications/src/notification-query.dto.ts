import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@wian/http';
import { IsIn, IsOptional } from 'class-validator';

export class NotificationQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only unread notifications' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';
}
