import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { ThaiInteger } from './input-transforms.js';

/** `?limit=&offset=` of every paged list (Thai or Arabic digits). */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 50 })
  @ThaiInteger({ min: 1, max: 1000 })
  @IsOptional()
  limit: number = 50;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @ThaiInteger({ min: 0 })
  @IsOptional()
  offset: number = 0;
}
