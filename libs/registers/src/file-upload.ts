import { applyDecorators } from '@nestjs/common';
import { ApiConsumes, ApiHeader } from '@nestjs/swagger';

/**
 * A route whose request body is one file (an enclosure, a scanned letter, a report's evidence),
 * its name in `X-File-Name`: the OpenAPI for both.
 */
export const ApiFileUpload = (): MethodDecorator =>
  applyDecorators(
    ApiConsumes('application/pdf', 'image/png', 'image/jpeg', 'application/octet-stream'),
    ApiHeader({
      name: 'X-File-Name',
      required: false,
      description: 'The file name, percent-encoded (UTF-8)',
    }),
  );

/** The bytes of an upload's body (raw body parser); nothing else reads as an empty file. */
export const uploadedBytes = (body: unknown): Buffer =>
  Buffer.isBuffer(body) ? body : Buffer.alloc(0);

/** The file name a client sends in `X-File-Name`, percent-encoded (UTF-8). */
export function fileNameFromHeader(header: string | undefined): string {
  if (header === undefined || header.trim() === '') return 'file';
  try {
    return decodeURIComponent(header.trim());
  } catch {
    return header.trim();
  }
}
