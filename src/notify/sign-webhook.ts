import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature of a webhook body: `sha256=` + hex HMAC-SHA256 over `<timestamp>.<body>`, keyed with the
 * configured secret. The timestamp (epoch seconds, sent as `x-gatehouse-timestamp`) is signed too so a
 * receiver can refuse old deliveries replayed at it.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does with a delivery; Gatehouse's own tests use it to check what they received. */
export function verifyWebhookSignature(
  secret: string,
  timestamp: number,
  body: string,
  signature: string,
): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
