import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { verifyWebhookSignature, webhookSignature } from './webhook-signature.js';

describe('webhook signature', () => {
  const secret = 'whsec_test';
  const body = JSON.stringify({ titleTh: 'หนังสือเวียนใหม่ ที่ มท ๐๘๑๐.๗/ว ๑๒๓' });

  it('is sha256= and the hex HMAC-SHA256 of "<timestamp>.<body>"', () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(webhookSignature(secret, 1_700_000_000, body)).toBe(`sha256=${expected}`);
  });

  it('verifies its own signature and refuses a changed body, secret or an old timestamp', () => {
    const signature = webhookSignature(secret, 1_700_000_000, body);
    const headers = { timestamp: '1700000000', signature };
    expect(verifyWebhookSignature(secret, headers, body, 1_700_000_100)).toBe(true);
    expect(verifyWebhookSignature(secret, headers, `${body} `, 1_700_000_100)).toBe(false);
    expect(verifyWebhookSignature('other', headers, body, 1_700_000_100)).toBe(false);
    expect(verifyWebhookSignature(secret, headers, body, 1_700_001_000)).toBe(false);
    expect(
      verifyWebhookSignature(secret, { timestamp: undefined, signature }, body, 1_700_000_000),
    ).toBe(false);
  });
});
