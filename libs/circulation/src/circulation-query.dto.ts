import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery, ThaiInteger } from '@wian/http';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PROGRESS_STATES, type ProgressState } from './delivery-workflow.js';

export class DeliveryListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PROGRESS_STATES })
  @IsOptional()
  @IsIn(PROGRESS_STATES)
  state?: ProgressState;
}

export class ProgressQuery {
  @ApiPropertyOptional({ description: 'Also count per district of this province' })
  @ThaiInteger()
  @IsOptional()
  @IsInt()
  @Min(1)
  provinceId?: number;

  @ApiPropertyOptional({ default: 200, maximum: 10000, description: 'Longest late/silent list' })
  @ThaiInteger()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
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
