import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, IntegerIdPipe } from '@wian/http';
import { CurrentActor, type Actor } from '@wian/identity';
import { UpdateNotificationSettingsDto } from './notification-settings.dto.js';
import { NotificationSettingsService } from './notification-settings.service.js';
import {
  NotificationSettingsView,
  NotificationSettingsWithSecret,
  UpdatedNotificationSettings,
} from './notification-settings.view.js';

const ORGANISATION = { kind: 'organisation', from: 'param', key: 'id' } as const;
const userOf = (actor: Actor): string | null => (actor.kind === 'user' ? actor.userId : null);

@ApiTags('notifications / การแจ้งเตือน')
@ApiBearerAuth()
@Controller('organisations/:id/notification-settings')
export class NotificationSettingsController {
  constructor(private readonly settings: NotificationSettingsService) {}

  @Get()
  @Authorize('notification.manage', ORGANISATION)
  @ApiOperation({ summary: "An organisation's e-mail and webhook channels (never the secret)" })
  @ApiOkResponse({ type: NotificationSettingsView })
  get(@Param('id', IntegerIdPipe) id: number): Promise<NotificationSettingsView> {
    return this.settings.get(id);
  }

  @Put()
  @Authorize('notification.manage', ORGANISATION)
  @ApiOperation({
    summary: 'Set the channels; the first webhook URL creates a secret, shown only in this answer',
  })
  @ApiOkResponse({ type: UpdatedNotificationSettings })
  update(
    @Param('id', IntegerIdPipe) id: number,
    @Body() body: UpdateNotificationSettingsDto,
    @CurrentActor() actor: Actor,
  ): Promise<UpdatedNotificationSettings> {
    return this.settings.update(id, body, userOf(actor));
  }

  @Post('webhook-secret')
  @HttpCode(200)
  @Authorize('notification.manage', ORGANISATION)
  @ApiOperation({ summary: 'Replace the webhook secret; the new one is shown only here' })
  @ApiOkResponse({ type: NotificationSettingsWithSecret })
  rotate(
    @Param('id', IntegerIdPipe) id: number,
    @CurrentActor() actor: Actor,
  ): Promise<NotificationSettingsWithSecret> {
    return this.settings.rotateWebhookSecret(id, userOf(actor));
  }
}
