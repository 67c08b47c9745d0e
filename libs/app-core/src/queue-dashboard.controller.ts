import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { All, Controller, HttpCode, Post, Req, Res, Next, Headers } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExcludeEndpoint,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AppConfig } from '@wian/config';
import { Authorize } from '@wian/http';
import { JobQueues } from '@wian/jobs';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export const DASHBOARD_PATH = '/admin/queues';
export const DASHBOARD_COOKIE = 'wian_dashboard';

/**
 * bull-board under /admin/queues, for system administrators only: every request, pages and
 * assets included, passes the security guard. A browser signs in once with
 * POST /admin/queues/session (Bearer token), which sets an HttpOnly cookie scoped to this path.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/queues')
export class QueueDashboardController {
  private readonly router: RequestHandler;

  constructor(
    queues: JobQueues,
    private readonly config: AppConfig,
  ) {
    const adapter = new ExpressAdapter();
    adapter.setBasePath(DASHBOARD_PATH);
    createBullBoard({
      queues: queues.all().map((queue) => new BullMQAdapter(queue)),
      serverAdapter: adapter,
      options: { uiConfig: { boardTitle: 'wian — คิวงาน' } },
    });
    this.router = adapter.getRouter() as RequestHandler;
  }

  @Post('session')
  @HttpCode(204)
  @Authorize('queue.dashboard')
  @ApiOperation({
    summary: 'Open the queue dashboard in a browser: sets a cookie for /admin/queues',
  })
  @ApiNoContentResponse({
    description: 'Signed in: an HttpOnly cookie for /admin/queues, valid as long as the token',
  })
  session(
    @Headers('authorization') authorization: string,
    @Res({ passthrough: true }) res: Response,
  ): void {
    res.cookie(DASHBOARD_COOKIE, authorization.replace(/^Bearer\s+/i, ''), {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.NODE_ENV === 'production',
      path: DASHBOARD_PATH,
      maxAge: this.config.ACCESS_TOKEN_TTL_SECONDS * 1000,
    });
  }

  /** Not an API of wian: bull-board's pages, assets and its own API, every method. */
  @All(['', '*path'])
  @Authorize('queue.dashboard')
  @ApiExcludeEndpoint()
  serve(@Req() req: Request, @Res() res: Response, @Next() next: NextFunction): void {
    req.url = req.originalUrl.slice(DASHBOARD_PATH.length) || '/';
    void this.router(req, res, next);
  }
}
