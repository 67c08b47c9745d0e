/**
 * Which register a number belongs to. Each runs from 1 every calendar year:
 * - `normal`: ordinary outgoing letters, `มท ๐๘๐๔/๑๒๓`
 * - `circular`: circular letters, own "ว" register, `มท ๐๘๑๐.๗/ว ๓๐๗`
 * - `order`: orders (คำสั่ง), written with their year, `๑๒๓/๒๕๖๖`
 */
export type DocumentSeries = 'normal' | 'circular' | 'order';

/**
 * A parsed letter number (เลขที่หนังสือ). Digits are stored as Arabic numerals
 * and rendered as Thai digits.
 *
 * For `normal` and `circular`, `prefix` and `unitDigits` are set and `year` is
 * null: `มท ๐๘๑๐.๗/ว ๓๐๗` → `{ prefix: 'มท', unitDigits: '0810', subUnit: '7',
 * series: 'circular', running: 307, year: null }`.
 * For `order`, only `running` and `year` are set: `๑๒๓/๒๕๖๖` →
 * `{ prefix: null, unitDigits: null, subUnit: null, series: 'order', running: 123, year: 2566 }`.
 */
export interface DocumentNumber {
  /** Letter code of the ministry or province (รหัสพยัญชนะ), e.g. 'มท', 'สน'; null for orders. */
  prefix: string | null;
  /** Digits of the issuing agency, e.g. '0810'; a string to keep leading zeros. Null for orders. */
  unitDigits: string | null;
  /** Issuing unit after the dot, e.g. '7', or several levels '2.1'; null if none. */
  subUnit: string | null;
  series: DocumentSeries;
  /** Register number, 1 or more. */
  running: number;
  /** Buddhist Era year, orders only; null otherwise. */
  year: number | null;
}

/** An organisation's saraban prefix: `มท ๐๘๑๐.๗` → `{ prefix: 'มท', unitDigits: '0810', subUnit: '7' }`. */
export interface UnitPrefix {
  prefix: string;
  unitDigits: string;
  subUnit: string | null;
}
