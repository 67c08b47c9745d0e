// Register views as files: ทะเบียนหนังสือรับ / ทะเบียนหนังสือส่ง as CSV (spreadsheets) and as a
// printable PDF (A4 landscape, Sarabun, Thai digits, Buddhist Era dates).

export type {
  RegisterKind,
  RegisterExportRow,
  RegisterExportHeader,
} from './register-export.types.js';
export { registerToCsv } from './register-csv.exporter.js';
export type { RegisterCsvOptions } from './register-csv.exporter.js';
export { registerToPdf } from './register-pdf.exporter.js';
export { wrapThaiText } from './thai-text.wrapper.js';
export type { TextMeasure } from './thai-text.wrapper.js';
