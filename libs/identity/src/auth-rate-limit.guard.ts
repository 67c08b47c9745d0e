import {
  Inject,
  Injectable,
  type CanActivate,
  type ExecutionContext,
  type OnModuleInit,
} from '@nestjs/common';
import { AppConfig } from '@wian/config';
import { ApiException } from '@wian/http';
import { REDIS_PRODUCER } from '@wian/queue';
import type { Request, Response } from 'express';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Limits sign-in and refresh requests per client address (AUTH_RATE_LIMIT_PER_MINUTE), counted
 * in Redis so every API process shares the count; if Redis fails, each process counts alone.
 * Per-account lockout after repeated wrong passwords is separate (AuthService).
 */
@Injectable()
export class AuthRateLimitGuard implements CanActivate, OnModuleInit {
  private limiter!: RateLimiterRedis;

  constructor(
    @Inject(REDIS_PRODUCER) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const points = this.config.AUTH_RATE_LIMIT_PER_MINUTE;
    this.limiter = new RateLimiterRedis({
      storeClient: this.redis,
      keyPrefix: `${this.config.QUEUE_PREFIX}:auth-rate`,
      points,
      duration: 60,
      insuranceLimiter: new RateLimiterMemory({ points, duration: 60 }),
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    try {
      await this.limiter.consume(request.ip ?? 'unknown');
      return true;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      http.getResponse<Response>().setHeader('Retry-After', String(seconds));
      throw new ApiException(429, `Too many sign-in attempts; try again in ${seconds} s`, [
        {
          field: 'request',
          rule: 'rate_limit',
          message_th: `พยายามเข้าสู่ระบบถี่เกินไป กรุณาลองใหม่ในอีก ${seconds} วินาที`,
          message_en: `too many sign-in attempts; try again in ${seconds} s`,
        },
      ]);
    }
  }
}
