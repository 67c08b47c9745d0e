import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ApiException, Authorize, IntegerIdPipe } from '@wian/http';
import { CurrentActor, type Actor } from '@wian/identity';
import { TransactionHost } from '@wian/persistence';
import {
  formatDocumentNumber,
  parseDocumentNumber,
  parseIsoCivilDate,
  formatThaiDate,
} from '@wian/thai';
import { DispatchService } from './dispatch.service.js';
import { DocumentInput } from './document-input.dto.js';
import {
  DocumentAddressee,
  DocumentEnclosure,
  DocumentReference,
} from './document-parts.entity.js';
import { Document } from './document.entity.js';
import { DispatchedDocumentView, DocumentView } from './document.view.js';
import { RegisterEntryView } from './register-entry.view.js';

export class DispatchDto {
  @ApiProperty({
    enum: ['normal', 'circular', 'order'],
    example: 'circular',
    description: 'normal, circular (ว) or order (คำสั่ง)',
  })
  @IsIn(['normal', 'circular', 'order'])
  series!: 'normal' | 'circular' | 'order';
}

@ApiTags('documents / หนังสือ')
@ApiBearerAuth()
@Controller()
export class DocumentsController {
  constructor(
    private readonly dispatch: DispatchService,
    private readonly tx: TransactionHost,
  ) {}

  @Post('organisations/:id/documents')
  @Authorize('register.write', { kind: 'organisation', from: 'param', key: 'id' })
  @ApiOperation({ summary: 'Write a letter of this organisation (not numbered until dispatched)' })
  @ApiCreatedResponse({ type: DocumentView, description: 'The draft, not numbered yet' })
  async draft(
    @Param('id', IntegerIdPipe) id: number,
    @Body() body: DocumentInput,
    @CurrentActor() actor: Actor,
  ): Promise<DocumentView> {
    return this.view((await this.dispatch.draft(id, body, actor)).id);
  }

  @Get('documents/:id')
  @Authorize('register.read', { kind: 'document', from: 'param', key: 'id', shared: 'readers' })
  @ApiOperation({
    summary: 'A letter with its addressees, references and enclosures',
    description:
      'For its issuing organisation and, for the letter of a circular, for its recipients and the senders of its tree (docs/identity.md).',
  })
  @ApiOkResponse({ type: DocumentView })
  get(@Param('id') id: string): Promise<DocumentView> {
    return this.view(id);
  }

  @Post('documents/:id/dispatch')
  @HttpCode(200)
  @Authorize('register.write', { kind: 'document', from: 'param', key: 'id' })
  @ApiOperation({
    summary:
      'Give the letter its outgoing number (ออกเลขหนังสือส่ง) and write the dispatch register line',
    description:
      'e.g. สน ๐๐๒๓.๖/ว ๔๘๗๙: the organisation’s saraban prefix, the series and the next number of the year.',
  })
  @ApiOkResponse({
    type: DispatchedDocumentView,
    description: 'The numbered document and its dispatch register line',
  })
  async send(
    @Param('id') id: string,
    @Body() body: DispatchDto,
    @CurrentActor() actor: Actor,
  ): Promise<DispatchedDocumentView> {
    const { entry } = await this.dispatch.dispatch(id, body.series, actor);
    return { document: await this.view(id), entry: RegisterEntryView.of(entry) };
  }

  private async view(id: string): Promise<DocumentView> {
    const document = await this.tx.repository(Document).findOneBy({ id });
    if (document === null)
      throw ApiException.notFound('id', 'ไม่พบหนังสือนี้', `No document with id ${id}`);
    const [addressees, references, enclosures] = await Promise.all([
      this.tx.repository(DocumentAddressee).findBy({ documentId: id }),
      this.tx
        .repository(DocumentReference)
        .find({ where: { documentId: id }, order: { ord: 'ASC' } }),
      this.tx
        .repository(DocumentEnclosure)
        .find({ where: { documentId: id }, order: { ord: 'ASC' } }),
    ]);
    return {
      ...(document as Omit<Document, 'parts'>),
      numberTh:
        document.numberText === null
          ? null
          : formatDocumentNumber(parseDocumentNumber(document.numberText), {
              digits: 'thai',
              withTi: true,
            }),
      letterDateTh:
        document.letterDate === null
          ? null
          : formatThaiDate(parseIsoCivilDate(document.letterDate), 'long'),
      addressees,
      references,
      enclosures,
    };
  }
}
