import { createHmac } from 'node:crypto';

/**
 * The key under which a person's session is stored: HMAC-SHA256 of channel and platform id with the
 * deployment's secret. The platform id itself is never stored; without the secret the key leads nowhere.
 */
export function sessionKey(secret: string, channel: string, userId: string): string {
  return createHmac('sha256', secret).update(`${channel}\u0000${userId}`).digest('base64url');
}
