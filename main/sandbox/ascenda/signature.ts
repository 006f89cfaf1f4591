import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Ascenda's webhook `X-Signature`: Base64 HMAC-SHA256 over the body with its top-level keys sorted, serialized
 * compactly (CONFIRMED, WH-SEC). Nested objects keep their order (INFERRED from the reference implementation).
 */
export function canonicalPayload(payload: Record<string, unknown>): string {
  const sorted = Object.fromEntries(
    Object.keys(payload)
      .sort()
      .map((key) => [key, payload[key]]),
  );
  return JSON.stringify(sorted);
}

export function signWebhook(secret: string, payload: Record<string, unknown>): string {
  return createHmac('sha256', secret).update(canonicalPayload(payload)).digest('base64');
}

/** Constant-time check of a received signature. */
export function verifyWebhook(secret: string, payload: Record<string, unknown>, signature: string): boolean {
  const expected = Buffer.from(signWebhook(secret, payload));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
