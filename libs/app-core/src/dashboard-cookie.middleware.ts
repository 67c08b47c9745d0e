import type { NextFunction, Request, Response } from 'express';
import { parse } from 'cookie';
import { DASHBOARD_COOKIE } from './queue-dashboard.controller.js';

/** The dashboard's cookie stands for the Authorization header, on /admin/queues only. */
export function dashboardCookieAuth(req: Request, _res: Response, next: NextFunction): void {
  if (req.headers.authorization === undefined && typeof req.headers.cookie === 'string') {
    const token = parse(req.headers.cookie)[DASHBOARD_COOKIE];
    if (token !== undefined && token !== '') req.headers.authorization = `Bearer ${token}`;
  }
  next();
}
