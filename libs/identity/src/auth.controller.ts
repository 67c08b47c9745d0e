import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { UserActor } from './actor.js';
import { AuthRateLimitGuard } from './auth-rate-limit.guard.js';
import { RefreshDto, SignInDto, SignOutDto } from './auth.dto.js';
import { AuthService, SignInResult, WhoAmI } from './auth.service.js';
import { CurrentUser } from './current-actor.decorator.js';
import { Authenticated, Public } from '@wian/http';

@ApiTags('auth / เข้าสู่ระบบ')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @UseGuards(AuthRateLimitGuard)
  @ApiOperation({
    summary: 'Sign in',
    description:
      'Returns a 15-minute access token and a refresh token. After LOGIN_MAX_FAILURES wrong passwords the account is locked for LOGIN_LOCK_MINUTES; requests per address are rate-limited (429).',
  })
  @ApiOkResponse({ type: SignInResult })
  login(@Body() body: SignInDto): Promise<SignInResult> {
    return this.auth.signIn(body.username, body.password, body.positionId);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @UseGuards(AuthRateLimitGuard)
  @ApiOperation({
    summary: 'Exchange a refresh token for new tokens (optionally acting in another position)',
  })
  @ApiOkResponse({
    type: SignInResult,
    description: 'The next token pair (the old refresh token is spent)',
  })
  refresh(@Body() body: RefreshDto): Promise<SignInResult> {
    return this.auth.refresh(body.refreshToken, body.positionId);
  }

  @Post('logout')
  @HttpCode(204)
  @Public()
  @ApiOperation({ summary: 'End the session of this refresh token' })
  @ApiNoContentResponse({
    description:
      'Signed out: the whole session of this refresh token ends (also answered for an unknown token)',
  })
  async logout(@Body() body: SignOutDto): Promise<void> {
    await this.auth.signOut(body.refreshToken);
  }

  @Get('me')
  @Authenticated()
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'The signed-in user, the positions they hold today and the one they act in',
  })
  @ApiOkResponse({ type: WhoAmI })
  me(@CurrentUser() actor: UserActor): Promise<WhoAmI> {
    return this.auth.whoAmI(actor);
  }
}
