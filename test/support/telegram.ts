import type { InlineKeyboardMarkup, Update } from 'grammy/types';
import { loadContent } from '../../src/app/content.js';
import { startTelegram, type TelegramChannel, type TelegramOptions } from '../../src/channels/telegram/telegram.js';
import { SECRET_HEADER } from '../../src/channels/telegram/webhook.js';
import type { Logger } from '../../src/log.js';
import { ROOT, testEngine, type TestEngine } from './engine.js';
import { FAKE_TOKEN, FakeTelegram, type ApiCall, type UpdateBody } from './fake-telegram.js';

/**
 * The real Telegram channel (grammY, runner, auto-retry, throttler) over the real engine with the test fakes,
 * talking to a fake Bot API server over HTTP. `send` pushes an update and waits until the bot has handled it.
 */
export interface TelegramHarness {
  fake: FakeTelegram;
  t: TestEngine;
  channel: TelegramChannel;
  /** Log lines the channel wrote ("LEVEL message"). */
  logs: string[];
  send(body: UpdateBody): Promise<Update>;
  /** API calls made since the last call to `take` (getUpdates left out). */
  take(): ApiCall[];
  close(): Promise<void>;
}

const translator = loadContent(ROOT).content.translator;

export async function telegramHarness(
  options: { t?: TestEngine; telegram?: Partial<TelegramOptions>; fake?: FakeTelegram } = {},
): Promise<TelegramHarness> {
  const fake = options.fake ?? (await FakeTelegram.start());
  const t = options.t ?? testEngine();
  const logs: string[] = [];
  const logger: Logger = {
    debug: (m) => logs.push(`DEBUG ${m}`),
    info: (m) => logs.push(`INFO ${m}`),
    warn: (m) => logs.push(`WARN ${m}`),
    error: (m) => logs.push(`ERROR ${m}`),
  };
  const waiting = new Map<number, () => void>();
  const channel = await startTelegram({
    token: FAKE_TOKEN,
    apiRoot: fake.apiRoot,
    engine: t.engine,
    translator,
    logger,
    pollTimeoutSeconds: 1,
    // Off unless a test asks: the throttler lets a chat have 6 messages, then one a second (tests are fast).
    throttle: false,
    ...options.telegram,
    onUpdateHandled: (update, error) => {
      options.telegram?.onUpdateHandled?.(update, error);
      waiting.get(update.update_id)?.();
    },
  });
  let seen = 0;
  return {
    fake,
    t,
    channel,
    logs,
    async send(body) {
      const id = channel.mode === 'webhook' ? 900_000 + webhookUpdateIds++ : fake.nextId;
      // Waiting starts before the update is sent: the bot may be quicker than this side.
      const handled = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the bot did not handle update ${id} within 15 s`)), 15_000);
        waiting.set(id, () => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve();
        });
      });
      const update = channel.mode === 'webhook' ? await postWebhook(channel, { update_id: id, ...body } as Update, fake) : fake.push(body);
      await handled;
      return update;
    },
    take() {
      const calls = fake.calls.slice(seen).filter((c) => c.method !== 'getUpdates');
      seen = fake.calls.length;
      return calls;
    },
    async close() {
      await channel.stop();
      await fake.close();
      t.close();
    },
  };
}

let webhookUpdateIds = 1;

/** Posts an update to the channel's webhook, as Telegram does, with the configured secret. */
export async function postWebhook(channel: TelegramChannel, update: Update, fake: FakeTelegram): Promise<Update> {
  const webhook = fake.callsOf('setWebhook').at(-1)!.payload as { url: string; secret_token: string };
  const response = await fetch(`http://127.0.0.1:${channel.webhookPort}${new URL(webhook.url).pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SECRET_HEADER]: webhook.secret_token },
    body: JSON.stringify(update),
  });
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
  return update;
}

/** What a person reads of an HTML message: the text without tags, entities decoded. */
export function readable(html: string): string {
  return html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The inline buttons of a sendMessage call, row after row. */
export function buttonsOf(call: ApiCall): Array<{ text: string; callback_data?: string }> {
  const markup = call.payload.reply_markup as Partial<InlineKeyboardMarkup> | undefined;
  return markup?.inline_keyboard?.flat() ?? [];
}
