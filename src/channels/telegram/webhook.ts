import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'grammy/types';
import { z } from 'zod';
import type { Logger } from '../../log.js';

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** Telegram's updates are small; anything larger is not from Telegram. */
const MAX_BODY_BYTES = 1024 * 1024;

/** The one field every update has; the rest is grammY's to read. */
const updateSchema = z.looseObject({ update_id: z.number().int().nonnegative() });

export interface WebhookServerOptions {
  port: number;
  /** Default: every interface (a reverse proxy in front terminates TLS). */
  host?: string;
  /** The path of TELEGRAM_WEBHOOK_URL, e.g. "/telegram". */
  path: string;
  /** The secret given to setWebhook: Telegram sends it in the X-Telegram-Bot-Api-Secret-Token header. */
  secret: string;
  /** Receives each accepted update once, after Telegram has had its 200. */
  onUpdate(update: Update): void;
  logger: Logger;
}

export interface WebhookServer {
  port: number;
  /** Stops accepting requests and closes idle connections. */
  close(): Promise<void>;
}

/**
 * The webhook endpoint: a POST on the path with the right secret and a JSON update gets 200 at once, and
 * the update is handled after. Wrong or missing secret: 401 and nothing is read. Telegram resends an update
 * it did not get a 200 for; the ids of the last ones are remembered so that none is handled twice.
 */
export async function startWebhookServer(options: WebhookServerOptions): Promise<WebhookServer> {
  const expected = Buffer.from(options.secret, 'utf8');
  const recent = new Set<number>();

  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://webhook').pathname;
    if (path !== options.path) return end(res, 404);
    if (req.method !== 'POST') return end(res, 405, { allow: 'POST' });
    const given = req.headers[SECRET_HEADER];
    if (typeof given !== 'string' || !sameSecret(Buffer.from(given, 'utf8'), expected)) {
      options.logger.warn('Telegram webhook: a request without the right secret was refused (401)');
      return end(res, 401, { connection: 'close' });
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === undefined) return end(res, 413, { connection: 'close' });
    let parsed: ReturnType<typeof updateSchema.safeParse>;
    try {
      parsed = updateSchema.safeParse(JSON.parse(body));
    } catch {
      return end(res, 400);
    }
    if (!parsed.success) return end(res, 400);
    end(res, 200);
    const update = parsed.data as unknown as Update;
    if (recent.has(update.update_id)) return;
    recent.add(update.update_id);
    if (recent.size > 1000) recent.delete(recent.values().next().value!);
    options.onUpdate(update);
  };

  const server = createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      options.logger.error(`Telegram webhook: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) end(res, 500);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

function sameSecret(given: Buffer, expected: Buffer): boolean {
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function end(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(status === 200 ? '' : `${status}\n`);
}

/** The body as text, or undefined when it is larger than `limit` bytes. */
async function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
