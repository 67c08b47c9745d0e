import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Authorize, ThaiInteger, Trimmed, IntegerIdPipe } from '@wian/http';
import { CurrentActor, type Actor } from '@wian/identity';
import type { Response } from 'express';
import { RegisterReceiptDto } from './document-input.dto.js';
import { ReceiptService } from './receipt.service.js';
import { RegisterDirectory } from './register-directory.service.js';
import { RegisterEntries } from './register-entries.service.js';
import { RegisterEntryPage, RegisterEntryView } from './register-entry.view.js';
import { RegisterEntryQuery } from './register-query.dto.js';
import { Register } from './register.entity.js';
import { receiptSeries, dispatchSeries, RunningNumberService } from './running-number.service.js';
import { markValidated } from './validated-input.js';

export class CreateRegisterDto {
  @ApiProperty({ example: 'ทะเบียนรับ กลุ่มงานบริการสาธารณะท้องถิ่น' })
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(255)
  name!: string;
}

export class CancelEntryDto {
  @ApiProperty({ example: 'ลงทะเบียนซ้ำโดยผิดพลาด' })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason!: string;
}

export class ContinueFromDto {
  @ApiProperty({ example: 2566, description: 'Buddhist year (or CE, converted)' })
  @ThaiInteger({ min: 1900, max: 2800 })
  year!: number;

  @ApiProperty({
    example: 1993,
    description: 'The next number to give (numbers below were used on paper)',
  })
  @ThaiInteger({ min: 1, max: 9_999_999 })
  nextNumber!: number;
}

/** Where a series continues from: the last number used before, the next one, the Buddhist year. */
export class ContinuedSeries {
  @ApiProperty({ description: 'The last number used before (0 when none)' }) previous!: number;
  @ApiProperty({ example: 1993 }) next!: number;
  @ApiProperty({ example: 2566 }) yearBe!: number;
}

@ApiTags('registers / ทะเบียนหนังสือ')
@ApiBearerAuth()
@Controller()
export class RegistersController {
  constructor(
    private readonly registers: RegisterDirectory,
    private readonly receipts: ReceiptService,
    private readonly entries: RegisterEntries,
    private readonly numbers: RunningNumberService,
  ) {}

  @Get('organisations/:id/registers')
  @Authorize('register.read', { kind: 'organisation', from: 'param', key: 'id' })
  @ApiOperation({
    summary:
      'The registers of an organisation (the central receipt register and the dispatch series exist from the start)',
  })
  @ApiOkResponse({ type: [Register] })
  list(@Param('id', IntegerIdPipe) id: number): Promise<Register[]> {
    return this.registers.ofOrganisation(id);
  }

  @Post('organisations/:id/registers')
  @Authorize('register.manage', { kind: 'organisation', from: 'param', key: 'id' })
  @ApiOperation({ summary: 'Open another receipt register (an internal unit’s own)' })
  @ApiCreatedResponse({ type: Register })
  create(
    @Param('id', IntegerIdPipe) id: number,
    @Body() body: CreateRegisterDto,
  ): Promise<Register> {
    return this.registers.create(id, body.name);
  }

  @Post('registers/:id/receipts')
  @Authorize('register.write', { kind: 'register', from: 'param', key: 'id' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Repeat a request safely: same key, same entry',
  })
  @ApiOperation({
    summary: 'Register a received letter (ลงทะเบียนรับ): the next เลขรับ of the year',
    description:
      '201 with a new entry; 200 with the existing one when the same letter (or the same Idempotency-Key) was already registered here.',
  })
  @ApiCreatedResponse({ type: RegisterEntryView, description: 'The new entry' })
  @ApiOkResponse({ type: RegisterEntryView, description: 'The entry registered before' })
  async receive(
    @Param('id') id: string,
    @Body() body: RegisterReceiptDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RegisterEntryView> {
    const key = idempotencyKey?.trim();
    const outcome = await this.receipts.receive(
      id,
      // The global ValidationPipe has checked the body; the service need not check it again.
      markValidated(body, RegisterReceiptDto),
      actor,
      key === undefined || key === '' ? undefined : key.slice(0, 128),
    );
    res.status(outcome.created ? 201 : 200);
    return RegisterEntryView.of(outcome.entry);
  }

  @Get('registers/:id/entries')
  @Authorize('register.read', { kind: 'register', from: 'param', key: 'id' })
  @ApiOperation({
    summary:
      'Register lines, newest first, filtered by year, numbers, dates, sender, subject text, urgency',
  })
  @ApiOkResponse({ type: RegisterEntryPage })
  entriesOf(
    @Param('id') id: string,
    @Query() query: RegisterEntryQuery,
  ): Promise<RegisterEntryPage> {
    return this.entries.list(id, query);
  }

  @Post('registers/:id/continue-from')
  @HttpCode(200)
  @Authorize('register.manage', { kind: 'register', from: 'param', key: 'id' })
  @ApiOperation({
    summary: 'Continue a series from a number (office adopting wian mid-year); never backwards',
  })
  @ApiOkResponse({ type: ContinuedSeries })
  async continueFrom(
    @Param('id') id: string,
    @Body() body: ContinueFromDto,
  ): Promise<ContinuedSeries> {
    const register = await this.registers.get(id);
    const yearBe = body.year < 2400 ? body.year + 543 : body.year;
    const key =
      register.kind === 'receipt'
        ? receiptSeries(register.id)
        : dispatchSeries(register.organisationId, register.series ?? 'normal');
    return {
      ...(await this.numbers.continueFrom(key, yearBe, body.nextNumber, register.id)),
      yearBe,
    };
  }

  @Get('register-entries/:id')
  @Authorize('register.read', { kind: 'register_entry', from: 'param', key: 'id' })
  @ApiOperation({ summary: 'One register line' })
  @ApiOkResponse({ type: RegisterEntryView })
  async entry(@Param('id') id: string): Promise<RegisterEntryView> {
    return RegisterEntryView.of(await this.entries.get(id));
  }

  @Post('register-entries/:id/cancel')
  @HttpCode(200)
  @Authorize('register.write', { kind: 'register_entry', from: 'param', key: 'id' })
  @ApiOperation({
    summary: 'Cancel a number: it stays in the register, marked, with the reason; never reused',
  })
  @ApiOkResponse({ type: RegisterEntryView })
  cancel(
    @Param('id') id: string,
    @Body() body: CancelEntryDto,
    @CurrentActor() actor: Actor,
  ): Promise<RegisterEntryView> {
    return this.entries.cancel(id, body.reason, actor);
  }
}
