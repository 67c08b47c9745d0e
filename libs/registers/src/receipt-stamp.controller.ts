import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { Organisation } from '@wian/hierarchy';
import { ApiException, Authorize } from '@wian/http';
import { TransactionHost } from '@wian/persistence';
import { toThaiDigits } from '@wian/thai';
import { RegisterEntries } from './register-entries.service.js';
import { Register } from './register.entity.js';
import {
  renderReceiptStampPng,
  renderReceiptStampSvg,
  stampPdfFirstPage,
  StampPdfError,
  type ReceiptStampData,
} from './stamp/index.js';

/** The receipt stamp (ตรารับ) of a register line, as the rubber stamp would print it. */
@ApiTags('registers / ทะเบียนหนังสือ')
@ApiBearerAuth()
@Controller('register-entries')
export class ReceiptStampController {
  constructor(
    private readonly entries: RegisterEntries,
    private readonly tx: TransactionHost,
  ) {}

  @Get(':id/stamp.svg')
  @Authorize('register.read', { kind: 'register_entry', from: 'param', key: 'id' })
  @Header('Content-Type', 'image/svg+xml; charset=utf-8')
  @ApiProduces('image/svg+xml')
  @ApiQuery({ name: 'dateStyle', required: false, enum: ['short', 'long'] })
  @ApiOperation({
    summary: 'The receipt stamp as SVG (organisation, เลขรับ, วันที่, เวลา in Thai digits)',
  })
  @ApiOkResponse({ description: 'ตรารับ as an SVG image', schema: { type: 'string' } })
  async svg(@Param('id') id: string, @Query('dateStyle') dateStyle?: string): Promise<string> {
    return renderReceiptStampSvg(await this.stampData(id, dateStyle));
  }

  @Get(':id/stamp.png')
  @Authorize('register.read', { kind: 'register_entry', from: 'param', key: 'id' })
  @Header('Content-Type', 'image/png')
  @ApiProduces('image/png')
  @ApiOperation({ summary: 'The receipt stamp as PNG (300 dpi)' })
  @ApiOkResponse({
    description: 'ตรารับ as a PNG image',
    schema: { type: 'string', format: 'binary' },
  })
  async png(
    @Param('id') id: string,
    @Query('dateStyle') dateStyle?: string,
  ): Promise<StreamableFile> {
    return new StreamableFile(await renderReceiptStampPng(await this.stampData(id, dateStyle)));
  }

  @Post(':id/stamp.pdf')
  @HttpCode(200)
  @Authorize('register.read', { kind: 'register_entry', from: 'param', key: 'id' })
  @Header('Content-Type', 'application/pdf')
  @ApiConsumes('application/pdf')
  @ApiProduces('application/pdf')
  @ApiBody({
    description: 'The received letter as PDF (request body, Content-Type: application/pdf)',
  })
  @ApiOperation({
    summary: 'Returns the PDF with the receipt stamp at the top right of its first page',
  })
  @ApiOkResponse({
    description: 'The letter as PDF, stamped (ประทับตรารับ) on its first page',
    schema: { type: 'string', format: 'binary' },
  })
  async pdf(@Param('id') id: string, @Body() body: unknown): Promise<StreamableFile> {
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new ApiException(
        415,
        'Send the PDF as the request body with Content-Type: application/pdf',
        [
          {
            field: 'body',
            rule: 'pdf',
            message_th: 'กรุณาส่งไฟล์ PDF เป็นเนื้อหาของคำขอ (Content-Type: application/pdf)',
            message_en: 'send the PDF as the request body with Content-Type: application/pdf',
          },
        ],
      );
    }
    try {
      return new StreamableFile(
        Buffer.from(await stampPdfFirstPage(new Uint8Array(body), await this.stampData(id))),
      );
    } catch (error) {
      if (error instanceof StampPdfError) {
        throw ApiException.badRequest({
          field: 'body',
          rule: 'pdf',
          message_th: error.messageTh,
          message_en: error.messageEn,
        });
      }
      throw error;
    }
  }

  private async stampData(id: string, dateStyle?: string): Promise<ReceiptStampData> {
    const entry = await this.entries.get(id);
    if (entry.cancelledAt !== null) {
      // A stamp says the number is valid; a cancelled one must not be printed as if it were.
      throw ApiException.conflict({
        field: 'id',
        rule: 'notCancelled',
        message_th: `เลขรับ ${toThaiDigits(entry.number)}/${toThaiDigits(entry.yearBe)} ถูกยกเลิกแล้ว (${entry.cancelReason ?? ''}) จึงพิมพ์ตราประทับไม่ได้`,
        message_en: `receipt number ${entry.number}/${entry.yearBe} is cancelled; it has no stamp`,
      });
    }
    const register = await this.tx.repository(Register).findOneByOrFail({ id: entry.registerId });
    const organisation = await this.tx
      .repository(Organisation)
      .findOneByOrFail({ id: register.organisationId });
    return {
      organisationName: organisation.nameTh,
      registerName: register.name === 'ทะเบียนกลาง' ? null : register.name,
      receiptNumber: entry.number,
      receivedAt: entry.registeredAt,
      dateStyle: dateStyle === 'long' ? 'long' : 'short',
    };
  }
}
