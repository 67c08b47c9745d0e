import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ApiException } from './api-error.js';
import { PG_INTEGER_MAX, readThaiInteger } from './input-transforms.js';
import { ruleDetail } from './validation-messages.js';

/**
 * An integer id in the path (`/organisations/:id`), in Arabic or Thai digits: a whole number
 * from 1 to PostgreSQL's `integer` maximum, or a 400 naming the parameter and the rule
 * (`isInt`, `min`, `max`) worded as the validation pipe words it.
 */
@Injectable()
export class IntegerIdPipe implements PipeTransform<unknown, number> {
  transform(value: unknown, metadata: ArgumentMetadata): number {
    const field = metadata.data ?? 'id';
    const id = readThaiInteger(value);
    if (typeof id !== 'number' || !Number.isInteger(id)) {
      throw ApiException.badRequest(ruleDetail(field, 'isInt'));
    }
    if (id < 1) throw ApiException.badRequest(ruleDetail(field, 'min', [1]));
    if (id > PG_INTEGER_MAX)
      throw ApiException.badRequest(ruleDetail(field, 'max', [PG_INTEGER_MAX]));
    return id;
  }
}
