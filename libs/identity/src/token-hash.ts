import { createHash, randomBytes } from 'node:crypto';

/** A random secret with a readable prefix: `rt_…` refresh tokens, `wian_…` API keys. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** Stored instead of the secret itself: a leaked table reveals no usable token. */
export function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
