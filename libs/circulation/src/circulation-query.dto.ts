import { ApiPropertyOptional } from '@nestjs/swagger';
import { ThaiInteger } from '@wian/http';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PROGRESS_STATES, type ProgressState } from './delivery-workflow.js';

export class DeliveryListQuery {
  @ApiPropertyOptional({ enum: PROGRESS_STATES })
  @IsOptional()
  @IsIn(PROGRESS_STATES)
  state?: ProgressState;

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

export class PageQuery {
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
