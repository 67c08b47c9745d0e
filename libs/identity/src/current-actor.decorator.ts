import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor, UserActor } from './actor.js';
import { unauthenticated } from './identity-errors.js';
import type { AuthenticatedRequest } from './security.guard.js';

/** The authenticated caller (the security guard has set it). */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (actor === undefined) throw unauthenticated('missing', 'กรุณาเข้าสู่ระบบ', 'sign in first');
  return actor;
});

/** The authenticated caller, who must be a person (not an API key). */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): UserActor => {
    const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
    if (actor?.kind !== 'user') {
      throw unauthenticated(
        'user_required',
        'ต้องเข้าสู่ระบบด้วยบัญชีผู้ใช้ ไม่ใช่กุญแจ API',
        'a signed-in user is required, not an API key',
      );
    }
    return actor;
  },
);
