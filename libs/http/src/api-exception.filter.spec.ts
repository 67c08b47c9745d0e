import { beforeAll, describe, expect, it } from '@jest/globals';
import { Logger, type ArgumentsHost } from '@nestjs/common';
import { ApiExceptionFilter } from './api-exception.filter.js';

/** Runs the filter on an error and returns the status and JSON it answered. */
function answer(exception: unknown): { status: number; body: unknown } {
  const sent: { status: number; body: unknown } = { status: 0, body: undefined };
  const response = {
    status(code: number) {
      sent.status = code;
      return response;
    },
    type() {
      return response;
    },
    json(body: unknown) {
      sent.body = body;
      return response;
    },
  };
  const host = {
    switchToHttp: () => ({
      getResponse: () => response,
      getRequest: () => ({ id: 'test', url: '/organisations' }),
    }),
  } as unknown as ArgumentsHost;
  new ApiExceptionFilter().catch(exception, host);
  return sent;
}

describe('ApiExceptionFilter', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it('answers 400, not 500, when a number out of range reached PostgreSQL (22003)', () => {
    // The shape of a TypeORM QueryFailedError: the driver's error under driverError.
    const queryFailed = Object.assign(
      new Error('value "99999999999" is out of range for type integer'),
      { driverError: { code: '22003' } },
    );
    const { status, body } = answer(queryFailed);
    expect(status).toBe(400);
    expect(body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'A number in the request is too large (at most 2147483647)',
      details: [
        {
          field: 'request',
          rule: 'max',
          message_th: 'ตัวเลขในคำขอมีค่าเกินกว่าที่ระบบรับได้ (ไม่เกิน ๒๑๔๗๔๘๓๖๔๗)',
          message_en: 'A number in the request is too large (at most 2147483647)',
        },
      ],
    });
    expect(answer(Object.assign(new Error('raw'), { code: '22003' })).status).toBe(400);
  });

  it('keeps other database errors a 500 without internals', () => {
    const { status, body } = answer(
      Object.assign(new Error('deadlock'), { driverError: { code: '40P01' } }),
    );
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain('deadlock');
  });
});
