import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, Authorize, IntegerIdPipe } from '@wian/http';
import { CurrentActor, CurrentUser, type Actor, type UserActor } from '@wian/identity';
import { NotificationInbox } from './notification-inbox.service.js';
import { NotificationQuery } from './notification-query.dto.js';
import { NotificationPage, NotificationView } from './notification.view.js';

const ORGANISATION = { kind: 'organisation', from: 'param', key: 'id' } as const;

@ApiTags('notifications / การแจ้งเตือน')
@ApiBearerAuth()
@Controller()
export class NotificationInboxController {
  constructor(private readonly inbox: NotificationInbox) {}

  @Get('organisations/:id/notifications')
  @Authorize('register.read', ORGANISATION)
  @ApiOperation({
    summary: "An organisation's in-app notifications, newest first, with the unread count",
  })
  @ApiOkResponse({ type: NotificationPage })
  organisation(
    @Param('id', IntegerIdPipe) id: number,
    @Query() query: NotificationQuery,
  ): Promise<NotificationPage> {
    return this.inbox.list({ kind: 'organisation', organisationId: id }, query);
  }

  @Post('organisations/:id/notifications/:notificationId/read')
  @HttpCode(200)
  @Authorize('register.read', ORGANISATION)
  @ApiOperation({ summary: "Mark one of the organisation's notifications read" })
  @ApiOkResponse({ type: NotificationView, description: 'The notification, read' })
  readOrganisation(
    @Param('id', IntegerIdPipe) id: number,
    @Param('notificationId', ParseUUIDPipe) notificationId: string,
    @CurrentActor() actor: Actor,
  ): Promise<NotificationView> {
    return this.inbox.markRead(
      { kind: 'organisation', organisationId: id },
      notificationId,
      actor.kind === 'user' ? actor.userId : null,
    );
  }

  @Get('me/notifications')
  @Authenticated()
  @ApiOperation({
    summary:
      "The signed-in user's notifications and those of the organisation they act for, newest first",
  })
  @ApiOkResponse({ type: NotificationPage })
  mine(
    @CurrentUser() user: UserActor,
    @Query() query: NotificationQuery,
  ): Promise<NotificationPage> {
    return this.inbox.list(
      { kind: 'user', userId: user.userId, organisationId: user.organisationId },
      query,
    );
  }

  @Post('me/notifications/:notificationId/read')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Mark one of my notifications (or my organisation’s) read' })
  @ApiOkResponse({ type: NotificationView, description: 'The notification, read' })
  readMine(
    @CurrentUser() user: UserActor,
    @Param('notificationId', ParseUUIDPipe) notificationId: string,
  ): Promise<NotificationView> {
    return this.inbox.markRead(
      { kind: 'user', userId: user.userId, organisationId: user.organisationId },
      notificationId,
      user.userId,
    );
  }
}
