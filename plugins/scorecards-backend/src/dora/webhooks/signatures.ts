import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

function sameText(a: string, b: string): boolean {
  // Digests have one length: the comparison takes the same time whatever
  // the inputs.
  return timingSafeEqual(
    createHash('sha256').update(a).digest(),
    createHash('sha256').update(b).digest(),
  );
}

function hmacHex(secret: string, body: Buffer): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/**
 * Whether a GitHub delivery's `X-Hub-Signature-256` header
 * (`sha256=<hex HMAC-SHA256 of the raw body>`) matches the secret.
 */
export function verifyGitHubSignature(
  body: Buffer,
  secret: string,
  header: string | undefined,
): boolean {
  if (typeof header !== 'string') return false;
  return sameText(header.trim(), `sha256=${hmacHex(secret, body)}`);
}

/**
 * Whether a PagerDuty V3 delivery's `X-PagerDuty-Signature` header (one or
 * more `v1=<hex HMAC-SHA256 of the raw body>`, comma-separated, during a
 * secret rotation) has one signature that matches the secret.
 */
export function verifyPagerDutySignature(
  body: Buffer,
  secret: string,
  header: string | undefined,
): boolean {
  if (typeof header !== 'string') return false;
  const expected = `v1=${hmacHex(secret, body)}`;
  return header
    .split(',')
    .map(s => s.trim())
    .some(signature => sameText(signature, expected));
}

/** Whether a shared token header holds the token, in constant time. */
export function tokenMatches(
  token: string,
  header: string | undefined,
): boolean {
  return typeof header === 'string' && sameText(header.trim(), token);
}
