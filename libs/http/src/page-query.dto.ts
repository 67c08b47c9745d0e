import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ThaiInteger } from './input-transforms.js';

/** `?limit=&offset=` of every paged list (Thai or Arabic digits). */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 50 })
  @ThaiInteger()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit: number = 50;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @ThaiInteger()
  @IsOptional()
  @IsInt()
  @Min(0)
  offset: number = 0;
}
