import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import type { Actor } from './actor.js';
import { ApiKeyService, ApiKeyView, CreatedApiKeyView } from './api-key.service.js';
import { CurrentActor } from './current-actor.decorator.js';
import { Authorize, Trimmed, IntegerIdPipe } from '@wian/http';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'e-saraban bridge' })
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(255)
  name!: string;

  @ApiProperty({ example: ['register.write', 'organisation.read'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsString({ each: true })
  scopes!: string[];
}

@ApiTags('API keys / กุญแจ API')
@ApiBearerAuth()
@Controller()
export class ApiKeyController {
  constructor(private readonly keys: ApiKeyService) {}

  @Post('organisations/:id/api-keys')
  @Authorize('api_key.manage', { kind: 'organisation', from: 'param', key: 'id' })
  @ApiOperation({
    summary: 'Create an API key for an organisation; the key is shown only in this answer',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyView })
  create(
    @Param('id', IntegerIdPipe) id: number,
    @Body() body: CreateApiKeyDto,
    @CurrentActor() actor: Actor,
  ): Promise<CreatedApiKeyView> {
    return this.keys.create(
      id,
      body.name,
      body.scopes,
      actor.kind === 'user' ? actor.userId : null,
    );
  }

  @Get('organisations/:id/api-keys')
  @Authorize('api_key.manage', { kind: 'organisation', from: 'param', key: 'id' })
  @ApiOperation({ summary: 'API keys of an organisation (never the secrets)' })
  @ApiOkResponse({ type: [ApiKeyView], description: 'Newest first' })
  list(@Param('id', IntegerIdPipe) id: number): Promise<ApiKeyView[]> {
    return this.keys.list(id);
  }

  @Post('api-keys/:id/revoke')
  @HttpCode(200)
  @Authorize('api_key.manage', { kind: 'api_key', from: 'param', key: 'id' })
  @ApiOperation({ summary: 'Revoke an API key at once' })
  @ApiOkResponse({ type: ApiKeyView, description: 'The key, revoked' })
  revoke(@Param('id') id: string): Promise<ApiKeyView> {
    return this.keys.revoke(id);
  }
}
