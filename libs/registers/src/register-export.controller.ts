import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Organisation } from '@wian/hierarchy';
import { Authorize } from '@wian/http';
import { TransactionHost } from '@wian/persistence';
import { bangkokYearBE, parseIsoCivilDate, systemClock, toThaiDigits } from '@wian/thai';
import type { Response } from 'express';
import {
  registerToCsv,
  registerToPdf,
  type RegisterExportHeader,
  type RegisterExportRow,
} from './export/index.js';
import { RegisterDirectory } from './register-directory.service.js';
import { RegisterEntries } from './register-entries.service.js';
import type { RegisterEntry } from './register-entry.entity.js';
import { RegisterEntryQuery } from './register-query.dto.js';

const MAX_EXPORT_ROWS = 50_000;

function toRow(e: RegisterEntry): RegisterExportRow {
  return {
    registerNumber: e.number,
    letterNumber: e.letterNumber === null ? null : toThaiDigits(e.letterNumber),
    letterDate: e.letterDate === null ? null : parseIsoCivilDate(e.letterDate),
    from: e.fromText,
    to: e.toText,
    subject: e.subject,
    action: e.action,
    remarks: e.remarks,
    registeredAt: e.registeredAt,
    cancelled: e.cancelledAt !== null,
    cancelReason: e.cancelReason,
  };
}

/** The register as CSV for Excel and as a printable A4 PDF in Thai. */
@ApiTags('registers / ทะเบียนหนังสือ')
@ApiBearerAuth()
@Controller('registers')
export class RegisterExportController {
  constructor(
    private readonly registers: RegisterDirectory,
    private readonly entries: RegisterEntries,
    private readonly tx: TransactionHost,
  ) {}

  @Get(':id/entries.csv')
  @Authorize('register.read', { kind: 'register', from: 'param', key: 'id' })
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'The register as CSV (UTF-8 with BOM so Excel shows Thai); same filters as the list',
  })
  @ApiOkResponse({
    description: 'CSV, UTF-8 with BOM, as an attachment (register-<year BE>.csv)',
    schema: { type: 'string' },
  })
  async csv(
    @Param('id') id: string,
    @Query() query: RegisterEntryQuery,
    @Res() res: Response,
  ): Promise<void> {
    const { header, rows } = await this.load(id, query);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="register-${header.yearBE}.csv"`);
    res.send(registerToCsv(header, rows));
  }

  @Get(':id/entries.pdf')
  @Authorize('register.read', { kind: 'register', from: 'param', key: 'id' })
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'The register as a printable PDF: A4 landscape, Thai digits, BE dates, page numbers',
  })
  @ApiOkResponse({
    description: 'PDF, shown inline (register-<year BE>.pdf)',
    schema: { type: 'string', format: 'binary' },
  })
  async pdf(
    @Param('id') id: string,
    @Query() query: RegisterEntryQuery,
    @Res() res: Response,
  ): Promise<void> {
    const { header, rows } = await this.load(id, query);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="register-${header.yearBE}.pdf"`);
    res.send(await registerToPdf(header, rows));
  }

  private async load(
    id: string,
    query: RegisterEntryQuery,
  ): Promise<{ header: RegisterExportHeader; rows: RegisterExportRow[] }> {
    const register = await this.registers.get(id);
    const organisation = await this.tx
      .repository(Organisation)
      .findOneByOrFail({ id: register.organisationId });
    const { items } = await this.entries.find(id, query, MAX_EXPORT_ROWS, 0);
    const rows = items.map(toRow).sort((a, b) => a.registerNumber - b.registerNumber);
    const yearBE =
      query.year === undefined
        ? (items[0]?.yearBe ?? bangkokYearBE(systemClock))
        : query.year < 2400
          ? query.year + 543
          : query.year;
    const parts = [
      query.numberFrom !== undefined || query.numberTo !== undefined
        ? `เลขที่ ${toThaiDigits(query.numberFrom ?? 1)}–${query.numberTo === undefined ? '' : toThaiDigits(query.numberTo)}`
        : null,
      query.q === undefined ? null : `เรื่องมีคำว่า "${query.q}"`,
      query.sender === undefined ? null : `จาก "${query.sender}"`,
    ].filter((p): p is string => p !== null);
    return {
      header: {
        kind: register.kind,
        organisationName: organisation.nameTh,
        registerName: register.name,
        yearBE,
        printedAt: new Date(),
        filterDescription: parts.length === 0 ? null : parts.join(' '),
      },
      rows,
    };
  }
}
