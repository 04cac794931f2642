import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Chat, Update, User, UserFromGetMe } from 'grammy/types';

/**
 * A fake Telegram Bot API server on 127.0.0.1 (random port), reached by grammY through `apiRoot`. It serves
 * getMe, the webhook and command methods, getUpdates from a scripted queue (honouring `offset`, with a short
 * long-poll wait), and the send methods; it records every call with its JSON payload, and can refuse a method
 * with a scripted error (a 429 flood wait, a 403 "blocked by the user", a 500).
 */

export const FAKE_TOKEN = '123456:TEST-token-for-the-fake-bot-api-server';

export const FAKE_BOT: UserFromGetMe = {
  id: 123456,
  is_bot: true,
  first_name: 'Ponte',
  username: 'ponte_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
  /** Milliseconds since the epoch, when the request arrived. */
  at: number;
  /** What the fake answered (the sent message, with its message_id), when it succeeded. */
  result?: unknown;
}

export interface ApiFailure {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number };
}

export const FLOOD_WAIT_1S: ApiFailure = { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } };
export const BLOCKED: ApiFailure = { error_code: 403, description: 'Forbidden: bot was blocked by the user' };
export const SERVER_ERROR: ApiFailure = { error_code: 500, description: 'Internal Server Error' };

export type UpdateBody = Omit<Update, 'update_id'>;

export class FakeTelegram {
  readonly calls: ApiCall[] = [];
  private readonly queue: Update[] = [];
  private readonly pollers = new Set<() => void>();
  private readonly failures: Array<{ method: string; failure: ApiFailure | 'drop'; times: number }> = [];
  private nextUpdateId = 1;
  private nextMessageId = 1000;

  private constructor(
    private readonly server: Server,
    readonly apiRoot: string,
    private readonly maxPollWaitMs: number,
  ) {}

  static async start(options: { maxPollWaitMs?: number } = {}): Promise<FakeTelegram> {
    let fake: FakeTelegram | undefined;
    const server = createServer((req, res) => void fake!.serve(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeTelegram(server, `http://127.0.0.1:${port}`, options.maxPollWaitMs ?? 200);
    return fake;
  }

  /** Queues an update for getUpdates; returns it with its id. */
  push(body: UpdateBody): Update {
    const update = { update_id: this.nextUpdateId++, ...body } as Update;
    this.queue.push(update);
    for (const wake of this.pollers) wake();
    return update;
  }

  /** The next `times` calls of `method` are refused with `failure`, or cut off without an answer ('drop'). */
  fail(method: string, failure: ApiFailure | 'drop', times = 1): void {
    this.failures.push({ method, failure, times });
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The id the next pushed update will get. */
  get nextId(): number {
    return this.nextUpdateId;
  }

  /** Updates queued and not yet confirmed by a later `offset`. */
  get pending(): number {
    return this.queue.length;
  }

  async close(): Promise<void> {
    for (const wake of this.pollers) wake();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(req.url ?? '/', this.apiRoot).pathname);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const payload = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    if (!match) return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method] = match as unknown as [string, string, string];
    if (token !== FAKE_TOKEN) return send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const call: ApiCall = { method, payload, at: Date.now() };
    this.calls.push(call);
    const scripted = this.failures.find((f) => f.method === method && f.times > 0);
    if (scripted) {
      scripted.times--;
      if (scripted.failure === 'drop') return void req.socket.destroy();
      return send(res, scripted.failure.error_code, { ok: false, ...scripted.failure });
    }
    call.result = method === 'getUpdates' ? await this.updates(payload) : this.result(method, payload);
    return send(res, 200, { ok: true, result: call.result });
  }

  private async updates(payload: Record<string, unknown>): Promise<Update[]> {
    const offset = typeof payload.offset === 'number' ? payload.offset : 0;
    const limit = typeof payload.limit === 'number' ? payload.limit : 100;
    // An offset confirms every update below it: Telegram forgets them.
    while (this.queue.length > 0 && this.queue[0]!.update_id < offset) this.queue.shift();
    if (this.queue.length === 0) {
      const timeout = typeof payload.timeout === 'number' ? payload.timeout * 1000 : 0;
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.pollers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(timeout, this.maxPollWaitMs));
        this.pollers.add(wake);
      });
    }
    return this.queue.slice(0, limit);
  }

  private result(method: string, payload: Record<string, unknown>): unknown {
    const chatId = Number(payload.chat_id);
    const chat = { id: chatId, type: chatId < 0 ? 'supergroup' : 'private' };
    const base = { message_id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), chat, from: FAKE_BOT };
    switch (method) {
      case 'getMe':
        return FAKE_BOT;
      case 'sendMessage':
        return { ...base, text: payload.text, ...(payload.reply_markup ? { reply_markup: payload.reply_markup } : {}) };
      case 'sendVenue':
        return {
          ...base,
          location: { latitude: payload.latitude, longitude: payload.longitude },
          venue: { location: { latitude: payload.latitude, longitude: payload.longitude }, title: payload.title, address: payload.address },
        };
      default:
        // deleteWebhook, setWebhook, setMyCommands, answerCallbackQuery, editMessageReplyMarkup...
        return true;
    }
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

// ---- updates as Telegram sends them ---------------------------------------------------------------------

export const PERSON: User = { id: 4242, is_bot: false, first_name: 'Amina', language_code: 'it' };

let messageIds = 1;
const date = () => Math.floor(Date.now() / 1000);
const privateChat = (user: User): Chat.PrivateChat => ({ id: user.id, type: 'private', first_name: user.first_name });

/** A text as typed; a leading /command gets its bot_command entity, as Telegram adds it. */
export function textUpdate(text: string, from: User = PERSON, chat: Chat = privateChat(from)): UpdateBody {
  const command = /^\/\S+/.exec(text);
  return {
    message: {
      message_id: messageIds++,
      date: date(),
      chat,
      from,
      text,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
    },
  } as UpdateBody;
}

export function locationUpdate(latitude: number, longitude: number, from: User = PERSON): UpdateBody {
  return { message: { message_id: messageIds++, date: date(), chat: privateChat(from), from, location: { latitude, longitude } } } as UpdateBody;
}

const MEDIA_FIELDS: Record<string, Record<string, unknown>> = {
  voice: { voice: { file_id: 'v1', file_unique_id: 'v1', duration: 3, mime_type: 'audio/ogg' } },
  audio: { audio: { file_id: 'a1', file_unique_id: 'a1', duration: 180 } },
  photo: { photo: [{ file_id: 'p1', file_unique_id: 'p1', width: 90, height: 90 }] },
  video: { video: { file_id: 'm1', file_unique_id: 'm1', width: 640, height: 480, duration: 5 } },
  video_note: { video_note: { file_id: 'n1', file_unique_id: 'n1', length: 240, duration: 5 } },
  animation: {
    animation: { file_id: 'g1', file_unique_id: 'g1', width: 200, height: 200, duration: 2 },
    document: { file_id: 'g1', file_unique_id: 'g1' },
  },
  sticker: { sticker: { file_id: 's1', file_unique_id: 's1', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false } },
  document: { document: { file_id: 'd1', file_unique_id: 'd1', file_name: 'permesso.pdf' } },
  contact: { contact: { phone_number: '+390000000000', first_name: 'X' } },
  poll: { poll: { id: 'q1', question: '?', options: [], total_voter_count: 0, is_closed: false, is_anonymous: true, type: 'regular', allows_multiple_answers: false } },
};
export type MediaField = keyof typeof MEDIA_FIELDS;

export function mediaUpdate(kind: string, from: User = PERSON): UpdateBody {
  const fields = MEDIA_FIELDS[kind];
  if (!fields) throw new Error(`no fake media "${kind}"`);
  return { message: { message_id: messageIds++, date: date(), chat: privateChat(from), from, ...fields } } as UpdateBody;
}

let queryIds = 1;
/** A button pressed under the bot's message `messageId`. */
export function callbackUpdate(data: string, messageId: number, from: User = PERSON): UpdateBody {
  return {
    callback_query: {
      id: `q${queryIds++}`,
      from,
      chat_instance: 'ci-1',
      data,
      message: { message_id: messageId, date: date(), chat: privateChat(from), from: FAKE_BOT, text: '…' },
    },
  } as UpdateBody;
}

export const GROUP: Chat.SupergroupChat = { id: -1001234567890, type: 'supergroup', title: 'Mamme di Breno' };

/** The person blocked the bot: Telegram's my_chat_member update. */
export function blockedUpdate(from: User = PERSON): UpdateBody {
  return {
    my_chat_member: {
      chat: privateChat(from),
      from,
      date: date(),
      old_chat_member: { status: 'member', user: FAKE_BOT },
      new_chat_member: { status: 'kicked', user: FAKE_BOT, until_date: 0 },
    },
  } as UpdateBody;
}
