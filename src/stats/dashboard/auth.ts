import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may see the dashboard. With a token, a request carries it as `Authorization: Bearer <token>`, or once as
 * `?token=` which the server trades for an HttpOnly, SameSite=Strict cookie (so the token leaves the address bar
 * and the history). The cookie holds a value derived from the token, not the token itself.
 */

export const COOKIE_NAME = 'ponte_dashboard';

export type Access = 'granted' | 'denied';

export class DashboardAuth {
  readonly #token: string | undefined;
  readonly #cookieValue: string | undefined;

  constructor(token: string | undefined) {
    this.#token = token === undefined || token === '' ? undefined : token;
    this.#cookieValue = this.#token === undefined ? undefined : createHmac('sha256', this.#token).update('ponte/dashboard/cookie').digest('hex');
  }

  get required(): boolean {
    return this.#token !== undefined;
  }

  /** True when `candidate` is the token (compared in constant time). */
  isToken(candidate: string | null | undefined): boolean {
    return this.#token !== undefined && typeof candidate === 'string' && sameText(candidate, this.#token);
  }

  check(request: IncomingMessage): Access {
    if (this.#token === undefined) return 'granted';
    const header = request.headers.authorization;
    if (typeof header === 'string') {
      const match = /^Bearer\s+(.+)$/i.exec(header.trim());
      if (match && this.isToken(match[1])) return 'granted';
    }
    const cookie = readCookie(request.headers.cookie, COOKIE_NAME);
    if (cookie !== undefined && this.#cookieValue !== undefined && sameText(cookie, this.#cookieValue)) return 'granted';
    return 'denied';
  }

  /** The Set-Cookie header that stands for the token from now on. */
  cookieHeader(): string {
    if (this.#cookieValue === undefined) throw new Error('no dashboard token configured');
    return `${COOKIE_NAME}=${this.#cookieValue}; HttpOnly; SameSite=Strict; Path=/`;
  }
}

function sameText(a: string, b: string): boolean {
  // Hashing first gives equal lengths, so timingSafeEqual never throws and the length is not revealed.
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** Loopback addresses: the only ones the dashboard binds to without a token. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}
