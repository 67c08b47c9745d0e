import { Injectable, type PipeTransform } from '@nestjs/common';
import { ApiException } from './api-error.js';

function findNul(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (key.includes('\u0000')) return path === '' ? key : `${path}.${key}`;
    const found = findNul(child, path === '' ? key : `${path}.${key}`, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Refuses text containing a NUL character (U+0000) before anything else sees it: PostgreSQL
 * cannot store it, and it is never part of a real letter.
 */
@Injectable()
export class RejectNulPipe implements PipeTransform {
  transform(value: unknown): unknown {
    const field = findNul(value, '');
    if (field !== undefined) {
      throw ApiException.badRequest({
        field: field === '' ? 'body' : field,
        rule: 'noNulCharacter',
        message_th: `${field || 'ข้อมูล'} มีอักขระ NUL (U+0000) ซึ่งไม่อนุญาต`,
        message_en: `${field || 'the input'} contains a NUL character (U+0000), which is not allowed`,
      });
    }
    return value;
  }
}
