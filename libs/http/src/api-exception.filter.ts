import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { ThaiFormatError, toThaiDigits } from '@wian/thai';
import type { Request, Response } from 'express';
import { reasonPhrase, type ApiErrorBody, type ApiErrorDetail } from './api-error.js';
import { PG_INTEGER_MAX } from './input-transforms.js';

const NUMERIC_VALUE_OUT_OF_RANGE = '22003';

/** body-parser's errors carry a status and a type. */
interface BodyParserError {
  status?: number;
  statusCode?: number;
  type?: string;
}

const STATUS_TH: Record<number, string> = {
  401: 'กรุณาเข้าสู่ระบบ',
  403: 'ไม่มีสิทธิ์ดำเนินการนี้',
  404: 'ไม่พบสิ่งที่ขอ',
  405: 'ไม่รองรับวิธีการนี้',
  409: 'ขัดแย้งกับสถานะปัจจุบัน',
  413: 'ข้อมูลที่ส่งมีขนาดใหญ่เกินกำหนด',
  415: 'ไม่รองรับชนิดข้อมูลนี้',
  429: 'ส่งคำขอถี่เกินไป กรุณารอสักครู่',
};

/** Terminus' health report keeps its own well-known shape (status, info, error, details). */
function isHealthReport(response: object): boolean {
  return 'status' in response && 'info' in response && 'details' in response;
}

function bodyFromHttpException(exception: HttpException): ApiErrorBody | object {
  const status = exception.getStatus();
  const response = exception.getResponse();
  if (typeof response === 'object' && isHealthReport(response)) return response;
  if (typeof response === 'object' && 'details' in response && Array.isArray(response.details)) {
    return response;
  }
  if (status === 413) return tooLarge();
  const raw =
    typeof response === 'string'
      ? response
      : ((response as { message?: unknown }).message ?? exception.message);
  const message = Array.isArray(raw)
    ? raw.map(String).join('; ')
    : typeof raw === 'string'
      ? raw
      : exception.message;
  const details: ApiErrorDetail[] = STATUS_TH[status]
    ? [
        {
          field: 'request',
          rule: `http_${status}`,
          message_th: STATUS_TH[status],
          message_en: message,
        },
      ]
    : [];
  return { statusCode: status, error: reasonPhrase(status), message, details };
}

/** The SQLSTATE behind a TypeORM QueryFailedError or a raw driver error (duck-typed). */
function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const wrapped = (error as { driverError?: unknown }).driverError;
  const candidate = (typeof wrapped === 'object' && wrapped !== null ? wrapped : error) as {
    code?: unknown;
  };
  return typeof candidate.code === 'string' ? candidate.code : undefined;
}

/**
 * PostgreSQL 22003 (numeric_value_out_of_range): a number too large for its column reached
 * the database. The DTOs refuse such numbers naming the field; this is the last line of
 * defence, so the client still learns it sent a number that is too large, not a 500.
 */
function outOfRange(): ApiErrorBody {
  const message = `A number in the request is too large (at most ${String(PG_INTEGER_MAX)})`;
  return {
    statusCode: 400,
    error: reasonPhrase(400),
    message,
    details: [
      {
        field: 'request',
        rule: 'max',
        message_th: `ตัวเลขในคำขอมีค่าเกินกว่าที่ระบบรับได้ (ไม่เกิน ${toThaiDigits(PG_INTEGER_MAX)})`,
        message_en: message,
      },
    ],
  };
}

function notJson(): ApiErrorBody {
  return {
    statusCode: 400,
    error: reasonPhrase(400),
    message: 'The request body is not valid JSON',
    details: [
      {
        field: 'body',
        rule: 'json',
        message_th: 'ข้อมูลที่ส่งไม่ใช่ JSON ที่ถูกต้อง',
        message_en: 'The request body is not valid JSON',
      },
    ],
  };
}

function tooLarge(): ApiErrorBody {
  return {
    statusCode: 413,
    error: reasonPhrase(413),
    message: 'The request body is larger than the limit',
    details: [
      {
        field: 'body',
        rule: 'max_size',
        message_th: STATUS_TH[413] ?? '',
        message_en: 'The request body is larger than the limit',
      },
    ],
  };
}

/**
 * Every error leaves as `{ statusCode, error, message, details }`. Unexpected errors become
 * a 500 without internals (no stack, no SQL); they are logged with the request id.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const response = context.getResponse<Response>();
    const request = context.getRequest<Request & { id?: unknown }>();
    const body = this.toBody(exception);
    const status =
      exception instanceof HttpException
        ? exception.getStatus()
        : (body as ApiErrorBody).statusCode;
    if (sqlState(exception) === NUMERIC_VALUE_OUT_OF_RANGE) {
      // A DTO or pipe let an out-of-range number through: worth fixing there.
      this.logger.warn(
        { err: exception, requestId: request.id, path: request.url },
        'Number out of range reached the database',
      );
    } else if (status >= 500 && !(exception instanceof HttpException)) {
      this.logger.error(
        { err: exception, requestId: request.id, path: request.url },
        'Unhandled error',
      );
    }
    // A route may have set another type (a PDF, an image) before failing.
    response.status(status).type('application/json').json(body);
  }

  private toBody(exception: unknown): ApiErrorBody | object {
    // Nest wraps body-parser's errors; their `type` says what went wrong with the body.
    const parserError = (
      exception instanceof HttpException ? (exception.cause ?? {}) : (exception ?? {})
    ) as BodyParserError;
    if (parserError.type === 'entity.parse.failed') return notJson();
    if (parserError.type === 'entity.too.large') return tooLarge();
    if (exception instanceof HttpException) return bodyFromHttpException(exception);
    if (exception instanceof ThaiFormatError) {
      const field = (exception as ThaiFormatError & { field?: string }).field ?? 'body';
      return {
        statusCode: 400,
        error: reasonPhrase(400),
        message: exception.messageEn,
        details: [
          {
            field,
            rule: exception.rule,
            message_th: exception.messageTh,
            message_en: exception.messageEn,
          },
        ],
      };
    }
    if (sqlState(exception) === NUMERIC_VALUE_OUT_OF_RANGE) return outOfRange();
    const status = parserError.status ?? parserError.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return {
        statusCode: status,
        error: reasonPhrase(status),
        message: reasonPhrase(status),
        details: [],
      };
    }
    return {
      statusCode: 500,
      error: reasonPhrase(500),
      message: 'Something went wrong on our side; the request id in the logs identifies it',
      details: [],
    };
  }
}
