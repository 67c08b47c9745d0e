import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('wian (เวียน) API')
    .setDescription(
      'หนังสือเวียนจากกรมถึงองค์กรปกครองส่วนท้องถิ่น: ทะเบียนรับ-ส่ง การเวียนแจ้ง และการติดตามกำหนดเวลา\n\n' +
        'Thai official circulars down the government hierarchy: registers, routing and deadlines. ' +
        'Errors have the shape `{ statusCode, error, message, details: [{ field, rule, message_th, message_en }] }`.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Swagger UI at /docs and the OpenAPI document at /docs-json. */
export function setupSwagger(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'wian API',
  });
}
