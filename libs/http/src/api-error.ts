import { HttpException } from '@nestjs/common';

/** One problem with a request, in the users' language and in English. */
export interface ApiErrorDetail {
  /** The request field at fault, as a path (`enclosures.0.count`), or `body`/`query`. */
  field: string;
  /** Machine-readable rule, e.g. `max`, `isIn`, `thai_date`, `exists`. */
  rule: string;
  message_th: string;
  message_en: string;
}

/** The JSON body of every error response. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details: ApiErrorDetail[];
}

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function reasonPhrase(status: number): string {
  return REASON[status] ?? 'Error';
}

/**
 * An HTTP error with field-level details. Use it from controllers and use cases so the
 * client learns which field broke which rule, in Thai and English.
 */
export class ApiException extends HttpException {
  constructor(
    status: number,
    message: string,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super({ statusCode: status, error: reasonPhrase(status), message, details }, status);
  }

  static notFound(field: string, messageTh: string, messageEn: string): ApiException {
    return new ApiException(404, messageEn, [
      { field, rule: 'exists', message_th: messageTh, message_en: messageEn },
    ]);
  }

  static badRequest(detail: ApiErrorDetail): ApiException {
    return new ApiException(400, detail.message_en, [detail]);
  }

  static conflict(detail: ApiErrorDetail): ApiException {
    return new ApiException(409, detail.message_en, [detail]);
  }
}
