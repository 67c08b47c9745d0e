import { toThaiDigits, type ThaiFormatError } from '@wian/thai';
import { getMetadataStorage, type ValidationError } from 'class-validator';
import type { ApiErrorDetail } from './api-error.js';

type Template = (args: unknown[]) => { th: string; en: string };

const list = (value: unknown): string =>
  Array.isArray(value)
    ? value.map(String).join(', ')
    : typeof value === 'object' && value !== null
      ? Object.values(value).map(String).join(', ')
      : String(value);

/** A rule's number as Thai text writes it (Thai digits) and as English does. */
const thaiNumber = (n: unknown): string =>
  typeof n === 'number' && Number.isFinite(n) ? toThaiDigits(n) : String(n);

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
  min: ([n]) => ({ th: `ต้องไม่น้อยกว่า ${thaiNumber(n)}`, en: `must not be less than ${String(n)}` }),
  max: ([n]) => ({
    th: `ต้องไม่มากกว่า ${thaiNumber(n)}`,
    en: `must not be greater than ${String(n)}`,
  }),
  minLength: ([n]) => ({
    th: `ต้องยาวอย่างน้อย ${thaiNumber(n)} ตัวอักษร`,
    en: `must be at least ${String(n)} characters long`,
  }),
  maxLength: ([n]) => ({
    th: `ต้องยาวไม่เกิน ${thaiNumber(n)} ตัวอักษร`,
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
    th: `ต้องมีอย่างน้อย ${thaiNumber(n)} รายการ`,
    en: `must contain at least ${String(n)} items`,
  }),
  arrayMaxSize: ([n]) => ({
    th: `ต้องมีไม่เกิน ${thaiNumber(n)} รายการ`,
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

/**
 * Rules about what kind of value a field holds. When one of them fails, the rules about the
 * value's size or form (min, max, maxLength, matches…) fail only because of it, so they are
 * not reported: `limit=abc` is "must be an integer", not also "must not be less than 1".
 */
const KIND_RULES = new Set([
  'isInt',
  'isNumber',
  'isString',
  'isBoolean',
  'isArray',
  'isObject',
  'nestedValidation',
]);

function constraintArgs(error: ValidationError, rule: string): unknown[] {
  const target = error.target?.constructor;
  if (!target) return [];
  const meta = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((m) => m.propertyName === error.property && (m.name === rule || m.type === rule));
  return (meta?.constraints as unknown[] | undefined) ?? [];
}

/**
 * The detail for one broken rule, worded from the rule's template; `args` are the rule's
 * arguments (`[1000]` for `max`). Pipes outside class-validator (route parameters) use it
 * so every refusal reads the same.
 */
export function ruleDetail(field: string, rule: string, args: unknown[] = []): ApiErrorDetail {
  if (rule === 'required') {
    return {
      field,
      rule,
      message_th: `ต้องระบุ ${field}`,
      message_en: `${field} is required`,
    };
  }
  const text = TEMPLATES[rule]?.(args);
  return {
    field,
    rule,
    message_th: text ? `${field} ${text.th}` : `${field}: ค่าไม่ถูกต้อง`,
    message_en: text ? `${field} ${text.en}` : `${field} is not valid (${rule})`,
  };
}

/** Whether the request left the field out (or sent null), as opposed to sending a bad value. */
function isAbsent(error: ValidationError): boolean {
  const target = error.target as Record<string, unknown> | undefined;
  if (target === undefined || typeof target !== 'object') return false;
  const value = target[error.property];
  return value === undefined || value === null;
}

/** Flattens class-validator errors (with nested children) into field-level details. */
export function toErrorDetails(errors: ValidationError[], parent = ''): ApiErrorDetail[] {
  const details: ApiErrorDetail[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    const rules = constraints.map(([rule]) => rule);
    if (constraints.length > 0 && !rules.includes('whitelistValidation') && isAbsent(error)) {
      // A field that is not optional and was left out breaks every rule it has; one says it.
      details.push(ruleDetail(field, 'required'));
    } else {
      const kindFailed = rules.some((rule) => KIND_RULES.has(rule));
      for (const [rule, defaultMessage] of constraints) {
        if (kindFailed && !KIND_RULES.has(rule) && rule !== 'whitelistValidation') continue;
        const custom = error.contexts?.[rule] as { th?: string; en?: string } | undefined;
        const worded = TEMPLATES[rule]
          ? ruleDetail(field, rule, constraintArgs(error, rule))
          : { field, rule, message_th: `${field}: ค่าไม่ถูกต้อง`, message_en: defaultMessage };
        details.push({
          ...worded,
          message_th: custom?.th ?? worded.message_th,
          message_en: custom?.en ?? worded.message_en,
        });
      }
    }
    if (error.children && error.children.length > 0) {
      details.push(...toErrorDetails(error.children, field));
    }
  }
  return details;
}

/**
 * The detail for a value the Thai conventions library could not read (a date, a time, a
 * document number…): its own explanation and the accepted forms, Thai text wholly in Thai
 * (Thai digits, `หรือ`), the field named in both.
 */
export function thaiFormatDetail(field: string, error: ThaiFormatError): ApiErrorDetail {
  return {
    field,
    rule: error.rule,
    message_th: `ช่อง ${field}: ${error.messageTh} (รูปแบบที่รับได้ เช่น ${error.acceptedFormTh})`,
    message_en: `${field}: ${error.messageEn} (accepted: ${error.acceptedForm})`,
  };
}
