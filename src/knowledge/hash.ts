import { createHash } from 'node:crypto';

/**
 * The fingerprint of an Italian body that translations record in `translated_from`: sha256 of the trimmed body
 * with LF line endings, first 12 hex digits. Writers compute the same value with the one-liner in the
 * knowledge spec, so the two must never diverge.
 */
export function bodyHash(body: string): string {
  return createHash('sha256').update(body.replace(/\r\n?/g, '\n').trim()).digest('hex').slice(0, 12);
}
