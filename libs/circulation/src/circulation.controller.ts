import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiException, Authorize, IntegerIdPipe, PageQuery } from '@wian/http';
import { CurrentActor, type Actor } from '@wian/identity';
import { ApiFileUpload, fileNameFromHeader, uploadedBytes, StoredFile } from '@wian/registers';
import type { Response } from 'express';
import { CirculationProgress, CircularProgress } from './circulation-progress.service.js';
import { DeliveryListQuery, ProgressQuery, ScheduleQuery } from './circulation-query.dto.js';
import { CirculationService, type SentCircular } from './circulation.service.js';
import { CircularPage, CircularView, DeliveryPage, DeliveryView } from './circulation.views.js';
import {
  AcknowledgeDeliveryDto,
  ChangeDeadlineDto,
  InstructDeliveryDto,
  ReasonDto,
  ReceiveDeliveryDto,
  ReportDoneDto,
} from './delivery-commands.dto.js';
import { DeliveryActions } from './delivery-actions.service.js';
import { DeadlineSchedule, SchedulePage } from './deadlines/deadline-schedule.service.js';
import {
  AcknowledgementView,
  ChainLink,
  DeliveryEventView,
  DeliveryQueries,
} from './delivery-queries.service.js';
import type { TransitionOutcome } from './delivery-transitions.service.js';
import { ForwardCircularDto, SendCircularDto, SupersedeCircularDto } from './send-circular.dto.js';

const IDEMPOTENCY = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Repeat a request safely: same key, same answer',
};

function key(header: string | undefined, body: { idempotencyKey?: string }): string | undefined {
  const trimmed = header?.trim();
  return trimmed === undefined || trimmed === '' ? body.idempotencyKey : trimmed.slice(0, 200);
}

/**
 * A circular's status is seen by its sender and by the senders of the circulars it was
 * forwarded from, up to the first (and by those above them): the sender of a circular sees
 * the whole tree of it, whichever circular of the tree is asked for.
 */
const CIRCULAR_TREE = { kind: 'circular', from: 'param', key: 'id', shared: 'senders' } as const;
/** The circular itself is also seen by its recipients (and those above them). */
const CIRCULAR_READERS = { ...CIRCULAR_TREE, shared: 'readers' } as const;
/**
 * A delivery's status (its state, history, acknowledgements and chain) is seen by the
 * recipient and those above it, and by the senders of its circular's tree (and those above
 * them): the department follows who at a province acknowledged its letter, though provinces
 * are not under it in the tree. A classified letter's delivery is not shared this way.
 */
const DELIVERY_STATUS = { kind: 'delivery', from: 'param', key: 'id', shared: 'senders' } as const;

@ApiTags('circulation / หนังสือเวียน')
@ApiBearerAuth()
@Controller()
export class CirculationController {
  constructor(
    private readonly circulation: CirculationService,
    private readonly actions: DeliveryActions,
    private readonly queries: DeliveryQueries,
    private readonly progressOf: CirculationProgress,
    private readonly schedule: DeadlineSchedule,
  ) {}

  @Post('organisations/:id/circulars')
  @Authorize('circular.send', { kind: 'organisation', from: 'param', key: 'id' })
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({
    summary: 'Send a circular (ส่งหนังสือเวียน): numbered in the ว series, one delivery per recipient',
    description:
      '201 with the circular; 200 with the first one when the Idempotency-Key was used before.',
  })
  @ApiCreatedResponse({ type: CircularView, description: 'The new circular' })
  @ApiOkResponse({ type: CircularView, description: 'Idempotency-Key used before: the first one' })
  async send(
    @Param('id', IntegerIdPipe) id: number,
    @Body() body: SendCircularDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') header: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CircularView> {
    const sent = await this.circulation.send(
      id,
      Object.assign(body, { idempotencyKey: key(header, body) }),
      actor,
    );
    return this.answer(sent, res);
  }

  @Get('organisations/:id/circulars')
  @Authorize('delivery.view_status', { kind: 'organisation', from: 'param', key: 'id' })
  @ApiOperation({ summary: 'Circulars an organisation sent or forwarded, newest first' })
  @ApiOkResponse({ type: CircularPage })
  async sent(
    @Param('id', IntegerIdPipe) id: number,
    @Query() query: PageQuery,
  ): Promise<CircularPage> {
    const page = await this.queries.sent(id, query.limit ?? 50, query.offset ?? 0);
    const documents = await this.queries.documents(page.items.map((c) => c.documentId));
    return {
      total: page.total,
      items: page.items.map((c) => CircularView.of(c, documents.get(c.documentId)!)),
    };
  }

  @Get('organisations/:id/deliveries')
  @Authorize('delivery.view_status', { kind: 'organisation', from: 'param', key: 'id' })
  @ApiOperation({ summary: 'Circulars that reached an organisation (its inbox), newest first' })
  @ApiOkResponse({ type: DeliveryPage })
  async incoming(
    @Param('id', IntegerIdPipe) id: number,
    @Query() query: DeliveryListQuery,
  ): Promise<DeliveryPage> {
    const page = await this.queries.incoming(id, {
      ...(query.state === undefined ? {} : { state: query.state }),
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
    return { total: page.total, items: page.items.map((d) => DeliveryView.of(d)) };
  }

  @Get('circulars/:id')
  @Authorize('delivery.view_status', CIRCULAR_READERS)
  @ApiOperation({
    summary: 'A circular as sent',
    description:
      'For its sender, the senders of the circulars it was forwarded from and its recipients, and those above them.',
  })
  @ApiOkResponse({ type: CircularView })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<CircularView> {
    const { circular, document } = await this.queries.circular(id);
    return CircularView.of(circular, document);
  }

  @Get('circulars/:id/progress')
  @Authorize('delivery.view_status', CIRCULAR_TREE)
  @ApiOperation({
    summary:
      'Who is done and who is late: counts per level, per province (and district), late and silent lists',
  })
  @ApiOkResponse({ type: CircularProgress })
  progress(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ProgressQuery,
  ): Promise<CircularProgress> {
    return this.progressOf.progress(id, {
      ...(query.provinceId === undefined ? {} : { provinceId: query.provinceId }),
      ...(query.limit === undefined ? {} : { limit: query.limit }),
    });
  }

  @Get('circulars/:id/schedule')
  @Authorize('delivery.view_status', CIRCULAR_TREE)
  @ApiOperation({
    summary:
      'Its reminders, deadline check and escalations: when each runs (Thai time) and whether it has',
  })
  @ApiOkResponse({ type: SchedulePage })
  scheduleOf(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ScheduleQuery,
  ): Promise<SchedulePage> {
    return this.schedule.ofCircular(id, {
      ...(query.deliveryId === undefined ? {} : { deliveryId: query.deliveryId }),
      limit: query.limit,
      offset: query.offset,
    });
  }

  @Get('circulars/:id/deliveries')
  @Authorize('delivery.view_status', CIRCULAR_TREE)
  @ApiOperation({ summary: 'The deliveries of a circular (its direct recipients)' })
  @ApiOkResponse({ type: DeliveryPage })
  async deliveriesOf(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: DeliveryListQuery,
  ): Promise<DeliveryPage> {
    const page = await this.queries.ofCircular(id, {
      ...(query.state === undefined ? {} : { state: query.state }),
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
    return { total: page.total, items: page.items.map((d) => DeliveryView.of(d)) };
  }

  @Get('circulars/:id/deliveries/:deliveryId/chain')
  @Authorize('delivery.view_status', CIRCULAR_TREE)
  @ApiOperation({
    summary: "The chain of letters that reached a recipient, seen from a circular's sender",
  })
  @ApiOkResponse({ type: [ChainLink], description: 'The links from the first sender down' })
  async chainFromSender(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('deliveryId', ParseUUIDPipe) deliveryId: string,
  ): Promise<ChainLink[]> {
    await this.assertReachedThrough(deliveryId, id);
    return this.queries.chain(deliveryId);
  }

  @Post('circulars/:id/recall')
  @Authorize('circular.send', { kind: 'circular', from: 'param', key: 'id' })
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Recall a circular (เรียกคืน) and every forward made of it' })
  @ApiCreatedResponse({
    type: CircularView,
    description: 'The recalled circular; the same again when the Idempotency-Key was used before',
  })
  async recall(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReasonDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') header: string | undefined,
  ): Promise<CircularView> {
    const circular = await this.circulation.recall(
      id,
      Object.assign(body, { idempotencyKey: key(header, body) }),
      actor,
    );
    const { document } = await this.queries.circular(circular.id);
    return CircularView.of(circular, document);
  }

  @Post('circulars/:id/deadline')
  @Authorize('circular.send', { kind: 'circular', from: 'param', key: 'id' })
  @ApiOperation({
    summary:
      'Move the deadline: reminders and escalations follow the new one, forwards are kept no later',
  })
  @ApiCreatedResponse({ type: CircularView })
  async changeDeadline(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ChangeDeadlineDto,
    @CurrentActor() actor: Actor,
  ): Promise<CircularView> {
    const circular = await this.circulation.changeDeadline(id, body, actor);
    const { document } = await this.queries.circular(circular.id);
    return CircularView.of(circular, document);
  }

  @Post('circulars/:id/supersede')
  @Authorize('circular.send', { kind: 'circular', from: 'param', key: 'id' })
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({
    summary: 'Replace a circular with a corrected one (same recipients unless others are chosen)',
  })
  @ApiCreatedResponse({ type: CircularView, description: 'The new circular' })
  @ApiOkResponse({ type: CircularView, description: 'Idempotency-Key used before: the first one' })
  async supersede(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SupersedeCircularDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') header: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CircularView> {
    const sent = await this.circulation.supersede(
      id,
      Object.assign(body, { idempotencyKey: key(header, body) }),
      actor,
    );
    return this.answer(sent, res);
  }

  @Post('circulars/:id/deliveries/:deliveryId/close')
  @Authorize('circular.send', { kind: 'circular', from: 'param', key: 'id' })
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: "The sender accepts a recipient's report and closes its delivery" })
  @ApiCreatedResponse({ type: DeliveryView })
  async close(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('deliveryId', ParseUUIDPipe) deliveryId: string,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') header: string | undefined,
  ): Promise<DeliveryView> {
    await this.assertOwnDelivery(deliveryId, id);
    return this.view(await this.actions.close(deliveryId, actor, key(header, {})));
  }

  @Post('circulars/:id/deliveries/:deliveryId/reopen')
  @Authorize('circular.send', { kind: 'circular', from: 'param', key: 'id' })
  @ApiOperation({ summary: "The sender returns a recipient's report for more work" })
  @ApiCreatedResponse({ type: DeliveryView })
  async reopen(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('deliveryId', ParseUUIDPipe) deliveryId: string,
    @Body() body: ReasonDto,
    @CurrentActor() actor: Actor,
  ): Promise<DeliveryView> {
    await this.assertOwnDelivery(deliveryId, id);
    return this.view(await this.actions.reopen(deliveryId, body, actor));
  }

  @Get('deliveries/:id')
  @Authorize('delivery.view_status', DELIVERY_STATUS)
  @ApiOperation({ summary: 'A circular at one recipient: state, deadline, receipt, report' })
  @ApiOkResponse({ type: DeliveryView })
  async delivery(@Param('id', ParseUUIDPipe) id: string): Promise<DeliveryView> {
    const { items } = await this.queries.byIds([id]);
    return DeliveryView.of(items[0]);
  }

  @Get('deliveries/:id/chain')
  @Authorize('delivery.view_status', DELIVERY_STATUS)
  @ApiOperation({
    summary: 'The chain of letters that reached this recipient (numbers, dates, signers, receipts)',
  })
  @ApiOkResponse({ type: [ChainLink], description: 'The links from the first sender down' })
  chain(@Param('id', ParseUUIDPipe) id: string): Promise<ChainLink[]> {
    return this.queries.chain(id);
  }

  @Get('deliveries/:id/history')
  @Authorize('delivery.view_status', DELIVERY_STATUS)
  @ApiOperation({ summary: 'Every transition: who, on whose behalf, when, from → to' })
  @ApiOkResponse({ type: [DeliveryEventView] })
  history(@Param('id', ParseUUIDPipe) id: string): Promise<DeliveryEventView[]> {
    return this.queries.history(id);
  }

  @Get('deliveries/:id/acknowledgements')
  @Authorize('delivery.view_status', DELIVERY_STATUS)
  @ApiOperation({
    summary: 'Units the head routed it to and officials who acknowledged (and who not yet)',
  })
  @ApiOkResponse({ type: [AcknowledgementView] })
  acknowledgements(@Param('id', ParseUUIDPipe) id: string): Promise<AcknowledgementView[]> {
    return this.queries.acknowledgements(id);
  }

  @Post('deliveries/:id/receive')
  @Authorize('register.write', { kind: 'delivery', from: 'param', key: 'id' })
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Receive (ลงรับ): the next receipt number of the recipient’s register' })
  @ApiCreatedResponse({ type: DeliveryView })
  async receive(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReceiveDeliveryDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') header: string | undefined,
  ): Promise<DeliveryView> {
    return this.view(
      await this.actions.receive(
        id,
        Object.assign(body, { idempotencyKey: key(header, body) }),
        actor,
      ),
    );
  }

  @Post('deliveries/:id/acknowledge')
  @Authorize('delivery.acknowledge', { kind: 'delivery', from: 'param', key: 'id' })
  @ApiOperation({ summary: 'Acknowledge (ลงนามรับทราบ) as the signed-in official' })
  @ApiCreatedResponse({ type: DeliveryView })
  async acknowledge(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AcknowledgeDeliveryDto,
    @CurrentActor() actor: Actor,
  ): Promise<DeliveryView> {
    return this.view(await this.actions.acknowledge(id, body, actor));
  }

  @Post('deliveries/:id/instruct')
  @Authorize('circulation.instruct', { kind: 'delivery', from: 'param', key: 'id' })
  @ApiOperation({ summary: 'The head’s instruction (สั่งการ), routing the letter to internal units' })
  @ApiCreatedResponse({ type: DeliveryView })
  async instruct(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: InstructDeliveryDto,
    @CurrentActor() actor: Actor,
  ): Promise<DeliveryView> {
    return this.view(await this.actions.instruct(id, body, actor));
  }

  @Post('deliveries/:id/forward')
  @Authorize('circular.send', { kind: 'delivery', from: 'param', key: 'id' })
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({
    summary:
      'Forward as the recipient’s own circular to its subordinates (deadline no later than the parent’s)',
  })
  @ApiCreatedResponse({ type: CircularView, description: 'The new circular' })
  @ApiOkResponse({ type: CircularView, description: 'Idempotency-Key used before: the first one' })
  async forward(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ForwardCircularDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') header: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CircularView> {
    const sent = await this.circulation.forward(
      id,
      Object.assign(body, { idempotencyKey: key(header, body) }),
      actor,
    );
    return this.answer(sent, res);
  }

  @Post('deliveries/:id/done')
  @Authorize('delivery.act', { kind: 'delivery', from: 'param', key: 'id' })
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Report the requested action done, with a note and optional evidence' })
  @ApiCreatedResponse({ type: DeliveryView })
  async done(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReportDoneDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') header: string | undefined,
  ): Promise<DeliveryView> {
    return this.view(
      await this.actions.reportDone(
        id,
        Object.assign(body, { idempotencyKey: key(header, body) }),
        actor,
      ),
    );
  }

  @Post('deliveries/:id/evidence-files')
  @Authorize('delivery.act', { kind: 'delivery', from: 'param', key: 'id' })
  @ApiFileUpload()
  @ApiOperation({
    summary:
      'Upload the evidence of a report (the request body), stored for the recipient; then report done citing its id as evidence.fileId',
    description:
      'Whoever may report done for the delivery (delivery.act) may upload its evidence; 409 once the delivery is closed, recalled or superseded.',
  })
  @ApiCreatedResponse({ type: StoredFile, description: 'The stored file (cite its id)' })
  uploadEvidence(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: unknown,
    @Headers('x-file-name') name: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<StoredFile> {
    return this.actions.uploadEvidence(id, uploadedBytes(body), fileNameFromHeader(name), actor);
  }

  private view(outcome: TransitionOutcome): DeliveryView {
    return DeliveryView.of(outcome.delivery);
  }

  private async answer(sent: SentCircular, res: Response): Promise<CircularView> {
    res.status(sent.created ? 201 : 200);
    const { document } = await this.queries.circular(sent.circular.id);
    return CircularView.of(sent.circular, document);
  }

  private async assertReachedThrough(deliveryId: string, circularId: string): Promise<void> {
    if (!(await this.queries.reachedThrough(deliveryId, circularId)))
      throw ApiException.notFound(
        'deliveryId',
        'ไม่พบรายการนี้ในหนังสือเวียนฉบับนี้',
        'This delivery is not part of this circular',
      );
  }

  private async assertOwnDelivery(deliveryId: string, circularId: string): Promise<void> {
    const { items } = await this.queries.byIds([deliveryId]);
    if (items[0]?.circularId !== circularId)
      throw ApiException.notFound(
        'deliveryId',
        'ไม่พบรายการนี้ในหนังสือเวียนฉบับนี้',
        'This delivery is not part of this circular',
      );
  }
}
