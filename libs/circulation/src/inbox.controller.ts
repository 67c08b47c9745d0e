import {
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiException, Authorize } from '@wian/http';
import { CurrentActor, type Actor } from '@wian/identity';
import { TransactionHost } from '@wian/persistence';
import { IsIn, IsOptional } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from './circulation-query.dto.js';
import { InboxNotice } from './inbox-notice.entity.js';

export class InboxQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only unread notices' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';
}

@ApiTags('circulation / หนังสือเวียน')
@ApiBearerAuth()
@Controller('organisations/:id/inbox')
export class InboxController {
  constructor(private readonly tx: TransactionHost) {}

  @Get()
  @Authorize('register.read', { kind: 'organisation', from: 'param', key: 'id' })
  @ApiOperation({
    summary: "An organisation's in-app notices, newest first, with the unread count",
  })
  async list(
    @Param('id', ParseIntPipe) id: number,
    @Query() query: InboxQuery,
  ): Promise<{ unread: number; total: number; items: InboxNotice[] }> {
    const repo = this.tx.repository(InboxNotice);
    const onlyUnread = query.unread === 'true';
    const [items, total] = await repo
      .createQueryBuilder('n')
      .where('n.organisation_id = :id', { id })
      .andWhere(onlyUnread ? 'n.read_at IS NULL' : 'TRUE')
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id')
      .take(query.limit ?? 50)
      .skip(query.offset ?? 0)
      .getManyAndCount();
    const unread = await repo
      .createQueryBuilder('n')
      .where('n.organisation_id = :id AND n.read_at IS NULL', { id })
      .getCount();
    return { unread, total, items };
  }

  @Post(':noticeId/read')
  @HttpCode(200)
  @Authorize('register.read', { kind: 'organisation', from: 'param', key: 'id' })
  @ApiOperation({ summary: 'Mark a notice read' })
  async read(
    @Param('id', ParseIntPipe) id: number,
    @Param('noticeId', ParseUUIDPipe) noticeId: string,
    @CurrentActor() actor: Actor,
  ): Promise<InboxNotice> {
    const repo = this.tx.repository(InboxNotice);
    const notice = await repo.findOneBy({ id: noticeId, organisationId: id });
    if (notice === null)
      throw ApiException.notFound('noticeId', 'ไม่พบข้อความนี้', `No notice ${noticeId} here`);
    if (notice.readAt === null) {
      await repo.update(
        { id: noticeId },
        { readAt: new Date(), readByUserId: actor.kind === 'user' ? actor.userId : null },
      );
    }
    return repo.findOneByOrFail({ id: noticeId });
  }
}
