import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authorize } from '@wian/http';
import {
  AssignHolderDto,
  CreatePositionDto,
  CreateUserDto,
  OrganisationIdQuery,
  UpdatePositionDto,
} from './user-admin.dto.js';
import { PositionView, UserAdminService, UserView } from './user-admin.service.js';

@ApiTags('users & positions / ผู้ใช้และตำแหน่ง')
@ApiBearerAuth()
@Controller()
export class UserAdminController {
  constructor(private readonly admin: UserAdminService) {}

  @Post('positions')
  @Authorize('user.manage', { kind: 'organisation', from: 'body', key: 'organisationId' })
  @ApiOperation({ summary: 'Create a position (ตำแหน่ง) in an organisation, with its roles' })
  @ApiCreatedResponse({ type: PositionView })
  createPosition(@Body() body: CreatePositionDto): Promise<PositionView> {
    return this.admin.createPosition(body);
  }

  @Get('positions')
  @Authorize('user.read', { kind: 'organisation', from: 'query', key: 'organisationId' })
  @ApiOperation({ summary: 'Positions of an organisation with their current holders' })
  @ApiOkResponse({ type: [PositionView], description: 'By title' })
  positions(@Query() query: OrganisationIdQuery): Promise<PositionView[]> {
    return this.admin.positionsOf(query.organisationId);
  }

  @Patch('positions/:id')
  @Authorize('user.manage', { kind: 'position', from: 'param', key: 'id' })
  @ApiOperation({ summary: 'Change a position’s title, roles or active flag (audited)' })
  @ApiOkResponse({ type: PositionView })
  updatePosition(@Param('id') id: string, @Body() body: UpdatePositionDto): Promise<PositionView> {
    return this.admin.updatePosition(id, body);
  }

  @Post('positions/:id/holders')
  @Authorize('user.manage', { kind: 'position', from: 'param', key: 'id' })
  @ApiOperation({ summary: 'Appoint a user to a position from a date (to a date)' })
  @ApiCreatedResponse({ type: PositionView, description: 'The position with its holders' })
  assign(@Param('id') id: string, @Body() body: AssignHolderDto): Promise<PositionView> {
    return this.admin.assignHolder(id, body);
  }

  @Post('users')
  @Authorize('user.manage', { kind: 'position', from: 'body', key: 'positionId' })
  @ApiOperation({ summary: 'Create a user holding a position; the password must meet the policy' })
  @ApiCreatedResponse({ type: UserView })
  createUser(@Body() body: CreateUserDto): Promise<UserView> {
    return this.admin.createUser(body);
  }

  @Get('users/:id')
  @Authorize('user.read', { kind: 'user', from: 'param', key: 'id' })
  @ApiOperation({ summary: 'A user and the positions they hold' })
  @ApiOkResponse({ type: UserView })
  user(@Param('id') id: string): Promise<UserView> {
    return this.admin.user(id);
  }

  @Post('users/:id/deactivate')
  @HttpCode(200)
  @Authorize('user.manage', { kind: 'user', from: 'param', key: 'id' })
  @ApiOperation({ summary: 'Deactivate a user and end all their sessions' })
  @ApiOkResponse({ type: UserView, description: 'The user, now inactive' })
  deactivate(@Param('id') id: string): Promise<UserView> {
    return this.admin.deactivateUser(id);
  }
}
