import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery, ThaiInteger } from '@wian/http';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PROGRESS_STATES, type ProgressState } from './delivery-workflow.js';

export class DeliveryListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PROGRESS_STATES })
  @IsOptional()
  @IsIn(PROGRESS_STATES)
  state?: ProgressState;
}

export class ProgressQuery {
  @ApiPropertyOptional({ description: 'Also count per district of this province' })
  @ThaiInteger({ min: 1 })
  @IsOptional()
  provinceId?: number;

  @ApiPropertyOptional({ default: 200, maximum: 10000, description: 'Longest late/silent list' })
  @ThaiInteger({ min: 0, max: 10_000 })
  @IsOptional()
  limit?: number;
}

export class ScheduleQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'Only the jobs of this delivery (deadlines counted from each receipt)',
  })
  @IsOptional()
  @IsUUID()
  deliveryId?: string;
}
