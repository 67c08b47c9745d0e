import { getMetadataStorage, type ValidationError } from 'class-validator';
import type { ApiErrorDetail } from './api-error.js';

type Template = (args: unknown[]) => { th: string; en: string };

const list = (value: unknown): string =>
  Array.isArray(value)
    ? value.map(String).join(', ')
    : typeof value === 'object' && value !== null
      ? Object.values(value).map(String).join(', ')
      : String(value);

/** Thai and English wording of class-validator's rules, by constraint name. */
const TEMPLATES: Record<string, Template> = {
  whitelistValidation: () => ({
    th: 'ไม่รู้จักช่องข้อมูลนี้ กรุณาลบออก',
    en: 'is not a known field; remove it',
  }),
  isDefined: () => ({ th: 'ต้องระบุ', en: 'is required' }),
  isNotEmpty: () => ({ th: 'ต้องไม่เว้นว่าง', en: 'must not be empty' }),
  isString: () => ({ th: 'ต้องเป็นข้อความ', en: 'must be text' }),
  isInt: () => ({ th: 'ต้องเป็นจำนวนเต็ม', en: 'must be an integer' }),
  isNumber: () => ({ th: 'ต้องเป็นตัวเลข', en: 'must be a number' }),
  isBoolean: () => ({ th: 'ต้องเป็น true หรือ false', en: 'must be true or false' }),
  isPositive: () => ({ th: 'ต้องเป็นจำนวนบวก', en: 'must be a positive number' }),
  min: ([n]) => ({ th: `ต้องไม่น้อยกว่า ${String(n)}`, en: `must not be less than ${String(n)}` }),
  max: ([n]) => ({ th: `ต้องไม่มากกว่า ${String(n)}`, en: `must not be greater than ${String(n)}` }),
  minLength: ([n]) => ({
    th: `ต้องยาวอย่างน้อย ${String(n)} ตัวอักษร`,
    en: `must be at least ${String(n)} characters long`,
  }),
  maxLength: ([n]) => ({
    th: `ต้องยาวไม่เกิน ${String(n)} ตัวอักษร`,
    en: `must be at most ${String(n)} characters long`,
  }),
  isIn: ([values]) => ({
    th: `ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: ${list(values)}`,
    en: `must be one of: ${list(values)}`,
  }),
  isEnum: ([values]) => ({
    th: `ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: ${list(values)}`,
    en: `must be one of: ${list(values)}`,
  }),
  isUUID: () => ({ th: 'ต้องเป็นรหัส UUID', en: 'must be a UUID' }),
  isEmail: () => ({ th: 'ต้องเป็นที่อยู่อีเมล', en: 'must be an e-mail address' }),
  isUrl: () => ({ th: 'ต้องเป็นที่อยู่เว็บ (URL)', en: 'must be a URL' }),
  isArray: () => ({ th: 'ต้องเป็นรายการ (array)', en: 'must be an array' }),
  arrayMinSize: ([n]) => ({
    th: `ต้องมีอย่างน้อย ${String(n)} รายการ`,
    en: `must contain at least ${String(n)} items`,
  }),
  arrayMaxSize: ([n]) => ({
    th: `ต้องมีไม่เกิน ${String(n)} รายการ`,
    en: `must contain at most ${String(n)} items`,
  }),
  arrayUnique: () => ({ th: 'ต้องไม่มีรายการซ้ำ', en: 'must not contain duplicates' }),
  isDateString: () => ({
    th: 'ต้องเป็นวันเวลาแบบ ISO 8601 เช่น 2023-03-24T16:30:00+07:00',
    en: 'must be an ISO 8601 date-time such as 2023-03-24T16:30:00+07:00',
  }),
  matches: () => ({ th: 'รูปแบบไม่ถูกต้อง', en: 'has the wrong format' }),
  isObject: () => ({ th: 'ต้องเป็นออบเจกต์', en: 'must be an object' }),
  nestedValidation: () => ({ th: 'ต้องเป็นออบเจกต์', en: 'must be an object' }),
};

function constraintArgs(error: ValidationError, rule: string): unknown[] {
  const target = error.target?.constructor;
  if (!target) return [];
  const meta = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((m) => m.propertyName === error.property && (m.name === rule || m.type === rule));
  return (meta?.constraints as unknown[] | undefined) ?? [];
}

/** Flattens class-validator errors (with nested children) into field-level details. */
export function toErrorDetails(errors: ValidationError[], parent = ''): ApiErrorDetail[] {
  const details: ApiErrorDetail[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const [rule, defaultMessage] of Object.entries(error.constraints ?? {})) {
      const template = TEMPLATES[rule];
      const custom = error.contexts?.[rule] as { th?: string; en?: string } | undefined;
      const text = template?.(constraintArgs(error, rule));
      details.push({
        field,
        rule,
        message_th: custom?.th ?? (text ? `${field} ${text.th}` : `${field}: ค่าไม่ถูกต้อง`),
        message_en: custom?.en ?? (text ? `${field} ${text.en}` : defaultMessage),
      });
    }
    if (error.children && error.children.length > 0) {
      details.push(...toErrorDetails(error.children, field));
    }
  }
  return details;
}
