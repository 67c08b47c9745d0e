import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authorize } from '@wian/http';
import type { UserActor } from './actor.js';
import { AuthorityService } from './authority.service.js';
import { CurrentUser } from './current-actor.decorator.js';
import { parseDateField } from './date-field.js';
import {
  CreateDelegationDto,
  DateQuery,
  ResolveAuthorityDto,
  RevokeDelegationDto,
} from './delegation.dto.js';
import { DelegationService } from './delegation.service.js';
import {
  ActingAuthorityView,
  AUTHORITY_MODELS,
  DelegationActView,
  DelegationView,
  ResolvedAuthority,
} from './delegation.views.js';

@ApiTags('delegation / การมอบอำนาจ')
@ApiBearerAuth()
@ApiExtraModels(...AUTHORITY_MODELS)
@Controller()
export class DelegationController {
  constructor(
    private readonly delegations: DelegationService,
    private readonly authority: AuthorityService,
  ) {}

  @Post('delegations')
  @Authorize('delegation.manage', { kind: 'position', from: 'body', key: 'principalPositionId' })
  @ApiOperation({
    summary: 'Record a delegation (ปฏิบัติราชการแทน / รักษาราชการแทน) with its order',
    description:
      'An onward delegation names its parentDelegationId and is refused unless the parent allows it.',
  })
  @ApiCreatedResponse({ type: DelegationView })
  create(
    @Body() body: CreateDelegationDto,
    @CurrentUser() actor: UserActor,
  ): Promise<DelegationView> {
    return this.delegations.create(body, actor.userId);
  }

  @Get('delegations/:id')
  @Authorize('delegation.read', { kind: 'delegation', from: 'param', key: 'id' })
  @ApiOperation({ summary: 'A delegation' })
  @ApiOkResponse({ type: DelegationView })
  get(@Param('id') id: string): Promise<DelegationView> {
    return this.delegations.view(id);
  }

  @Put('delegations/:id')
  @Authorize('delegation.manage', { kind: 'delegation', from: 'param', key: 'id' })
  @ApiOperation({ summary: 'Correct a delegation nobody has acted under yet (409 once used)' })
  @ApiOkResponse({ type: DelegationView })
  update(@Param('id') id: string, @Body() body: CreateDelegationDto): Promise<DelegationView> {
    return this.delegations.update(id, body);
  }

  @Post('delegations/:id/revoke')
  @HttpCode(200)
  @Authorize('delegation.manage', { kind: 'delegation', from: 'param', key: 'id' })
  @ApiOperation({ summary: 'Revoke a delegation from now on' })
  @ApiOkResponse({ type: DelegationView, description: 'The delegation, revoked' })
  revoke(
    @Param('id') id: string,
    @Body() body: RevokeDelegationDto,
    @CurrentUser() actor: UserActor,
  ): Promise<DelegationView> {
    return this.delegations.revoke(id, body.reason, actor.userId);
  }

  @Get('delegations/:id/chain')
  @Authorize('delegation.read', { kind: 'delegation', from: 'param', key: 'id' })
  @ApiOperation({ summary: 'The chain of onward delegations from the first one down to this one' })
  @ApiOkResponse({ type: [DelegationView], description: 'From the root delegation down' })
  chain(@Param('id') id: string): Promise<DelegationView[]> {
    return this.delegations.chain(id);
  }

  @Get('delegations/:id/acts')
  @Authorize('delegation.read', { kind: 'delegation', from: 'param', key: 'id' })
  @ApiOperation({ summary: 'Everything done under this delegation (from the audit trail)' })
  @ApiOkResponse({ type: [DelegationActView], description: 'Oldest first' })
  acts(@Param('id') id: string): Promise<DelegationActView[]> {
    return this.delegations.acts(id);
  }

  @Get('positions/:id/acting-authorities')
  @Authorize('delegation.read', { kind: 'position', from: 'param', key: 'id' })
  @ApiOperation({ summary: 'Who could act for this position on a date (holders and delegates)' })
  @ApiOkResponse({
    type: [ActingAuthorityView],
    description: 'The holders first, then the delegates in order of preference',
  })
  whoCouldAct(@Param('id') id: string, @Query() query: DateQuery): Promise<ActingAuthorityView[]> {
    return this.delegations.whoCouldAct(id, query.date);
  }

  @Post('authority/resolve')
  @HttpCode(200)
  @Authorize('authority.resolve')
  @ApiOperation({
    summary: 'Under which authority may I do this for that position? With the signature block.',
    description: 'e.g. (นายชยุต วงศ์วณิช) / รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน / ผู้ว่าราชการจังหวัดสกลนคร',
  })
  @ApiOkResponse({ type: ResolvedAuthority })
  resolve(
    @Body() body: ResolveAuthorityDto,
    @CurrentUser() actor: UserActor,
  ): Promise<ResolvedAuthority> {
    return this.authority.resolve(
      actor,
      body.principalPositionId,
      body.action,
      body.on === undefined ? undefined : parseDateField('on', body.on),
    );
  }
}
