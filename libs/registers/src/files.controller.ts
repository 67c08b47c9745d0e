import { Body, Controller, Get, Headers, Param, Post, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authorize, IntegerIdPipe } from '@wian/http';
import { CurrentActor, type Actor } from '@wian/identity';
import { FileStorage } from './file-storage.service.js';
import { ApiFileUpload, fileNameFromHeader, uploadedBytes } from './file-upload.js';
import { StoredFile } from './stored-file.entity.js';

@ApiTags('documents / หนังสือ')
@ApiBearerAuth()
@Controller()
export class FilesController {
  constructor(private readonly files: FileStorage) {}

  @Post('organisations/:id/files')
  @Authorize('register.write', { kind: 'organisation', from: 'param', key: 'id' })
  @ApiFileUpload()
  @ApiOperation({
    summary:
      'Upload a file (an enclosure, a scanned letter) as the request body; its SHA-256 is recorded. Then cite its id as an enclosure’s fileId.',
  })
  @ApiCreatedResponse({ type: StoredFile, description: 'The stored file (cite its id)' })
  upload(
    @Param('id', IntegerIdPipe) id: number,
    @Body() body: unknown,
    @Headers('x-file-name') name: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<StoredFile> {
    return this.files.store(id, uploadedBytes(body), fileNameFromHeader(name), actor);
  }

  @Get('files/:id')
  @Authorize('register.read', { kind: 'file', from: 'param', key: 'id', shared: 'readers' })
  @ApiOperation({
    summary: 'Download a file',
    description:
      'For the organisation that uploaded it; an enclosure of a circular’s letter also for the readers of that letter, a report’s evidence also for the senders of the circular it reports on (docs/identity.md).',
  })
  @ApiOkResponse({
    description: 'The file content, with its media type and an attachment Content-Disposition',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  async download(@Param('id') id: string): Promise<StreamableFile> {
    const { file, content } = await this.files.read(id);
    return new StreamableFile(content, {
      type: file.mediaType,
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(file.originalName)}`,
    });
  }
}
