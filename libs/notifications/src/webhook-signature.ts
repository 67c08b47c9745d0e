import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature of a webhook request: `sha256=` + hex HMAC-SHA256 of `<timestamp>.<body>`
 * with the organisation's secret; the timestamp (unix seconds) travels in X-Wian-Timestamp.
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return (
    'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')
  );
}

/**
 * What a receiver does (docs/notifications.md): recompute, compare in constant time, and
 * refuse a timestamp more than `toleranceSeconds` away from its clock (a replayed request).
 */
export function verifyWebhookSignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = 300,
): boolean {
  if (headers.timestamp === undefined || headers.signature === undefined) return false;
  if (!/^\d{1,12}$/.test(headers.timestamp)) return false;
  const timestamp = Number(headers.timestamp);
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(webhookSignature(secret, timestamp, body), 'utf8');
  const given = Buffer.from(headers.signature, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
