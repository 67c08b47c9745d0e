import { Controller, Get, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { AuditPage, AuditQuery, type AuditFilter } from '@wian/audit';
import { OrganisationDirectory, OrganisationRepository } from '@wian/hierarchy';
import { Authorize, ThaiInteger, RequestContext } from '@wian/http';
import type { Response } from 'express';
import type { Actor } from './actor.js';
import { CurrentActor } from './current-actor.decorator.js';

export class AuditLogQuery {
  @ApiPropertyOptional({ description: 'Organisation whose subtree to show (default: your own)' })
  @ThaiInteger({ min: 1 })
  @IsOptional()
  organisationId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  actorUserId?: string;

  @ApiPropertyOptional({
    example: 'auth.',
    description: 'Exact action, or a prefix ending with "." or "*"',
  })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_.]*\*?$/, {
    message: 'must be an action such as auth.login or a prefix such as auth.',
  })
  @MaxLength(64)
  action?: string;

  @ApiPropertyOptional({ example: 'delegation' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityId?: string;

  @ApiPropertyOptional({ example: '2023-03-01T00:00:00+07:00' })
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ example: '2023-03-31T23:59:59+07:00' })
  @IsOptional()
  @IsISO8601()
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @ThaiInteger({ min: 1, max: 1000 })
  @IsOptional()
  limit?: number;

  @ApiPropertyOptional({ description: 'Cursor from the previous page (nextCursor)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  before?: string;
}

/** The audit trail for administrators: their subtree only; system administrators see all. */
@ApiTags('audit / บันทึกการตรวจสอบ')
@ApiBearerAuth()
@Controller('audit')
export class AuditLogController {
  constructor(
    private readonly audit: AuditQuery,
    private readonly directory: OrganisationDirectory,
    private readonly organisations: OrganisationRepository,
  ) {}

  @Get()
  @Authorize('audit.read', { kind: 'organisation', from: 'query', key: 'organisationId' })
  @ApiOperation({ summary: 'List and filter the audit trail, newest first' })
  @ApiOkResponse({ type: AuditPage })
  async list(@Query() query: AuditLogQuery, @CurrentActor() actor: Actor): Promise<AuditPage> {
    return this.audit.list(await this.filter(query, actor), {
      limit: query.limit,
      before: query.before,
    });
  }

  @Get('export.csv')
  @Authorize('audit.read', { kind: 'organisation', from: 'query', key: 'organisationId' })
  @ApiOperation({ summary: 'The same, as CSV (UTF-8 with BOM for Excel; every matching row)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'CSV, UTF-8 with BOM, as an attachment (wian-audit-<request id>.csv)',
    schema: { type: 'string' },
  })
  async exportCsv(
    @Query() query: AuditLogQuery,
    @CurrentActor() actor: Actor,
    @Res() res: Response,
  ): Promise<void> {
    const filter = await this.filter(query, actor);
    const events = [];
    for await (const event of this.audit.stream(filter)) events.push(event);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="wian-audit-${RequestContext.current()?.requestId ?? 'export'}.csv"`,
    );
    res.send(this.audit.toCsv(events));
  }

  private async filter(query: AuditLogQuery, actor: Actor): Promise<AuditFilter> {
    const rootId = query.organisationId ?? actor.organisationId ?? undefined;
    let organisationIds: AuditFilter['organisationIds'];
    if (rootId !== undefined) {
      organisationIds = await this.organisations.subtreeIds(await this.directory.get(rootId));
    }
    return {
      organisationIds,
      actorUserId: query.actorUserId,
      action: query.action,
      entityType: query.entityType,
      entityId: query.entityId,
      from: query.from === undefined ? undefined : new Date(query.from),
      to: query.to === undefined ? undefined : new Date(query.to),
    };
  }
}
