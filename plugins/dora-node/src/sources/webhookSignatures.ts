import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Whether two texts are equal, in a time that does not depend on where they
 * differ: for comparing a delivery's signature or token with the expected
 * one.
 * @public
 */
export function timingSafeTextEqual(a: string, b: string): boolean {
  // Digests have one length: the comparison takes the same time whatever
  // the inputs.
  return timingSafeEqual(
    createHash('sha256').update(a).digest(),
    createHash('sha256').update(b).digest(),
  );
}

/**
 * The hex HMAC-SHA256 of a body with a secret, as GitHub, PagerDuty and most
 * webhook senders sign deliveries.
 * @public
 */
export function hmacSha256Hex(secret: string, body: Buffer): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}
