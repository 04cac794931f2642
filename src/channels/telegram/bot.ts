import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import { Bot, GrammyError, HttpError, type Api, type BotError } from 'grammy';
import type { CallbackQuery, Chat, ChatMemberUpdated, Message, Update, User, UserFromGetMe } from 'grammy/types';
import type { Engine } from '../../engine/engine.js';
import type { Clock } from '../../engine/ports.js';
import { langFromTag, type Incoming, type Lang, type Reply } from '../../engine/types.js';
import type { Translator } from '../../i18n/translator.js';
import { silentLogger, type Logger } from '../../log.js';
import { TELEGRAM_TEXT } from './commands.js';
import { deliver } from './deliver.js';
import { escapeHtml } from './format.js';
import { toIncoming, type StatsRequest } from './incoming.js';
import { renderReplies } from './render.js';

export const TELEGRAM_CHANNEL = 'telegram';

/** What the channel needs of the engine. */
export type ConversationEngine = Pick<Engine, 'handle' | 'markUnreachable' | 'isUnreachable'>;

/** The coordinators' usage summary for `/stats`; `undefined` while statistics do not exist yet. */
export type StatsSummary = (now: Date) => string | undefined;

export interface TelegramBotOptions {
  /** The token from @BotFather. */
  token: string;
  /** A self-hosted Bot API server, without a trailing slash. Default: Telegram's. */
  apiRoot?: string;
  engine: ConversationEngine;
  /** For the texts of the channel itself (locales/<lang>/telegram.json). */
  translator: Translator;
  /** Telegram user ids (as digits) allowed to use /stats. Default: none. */
  coordinatorIds?: readonly string[];
  /** Default: none, and /stats says that statistics are not available yet. */
  stats?: StatsSummary;
  /** Default: silent. */
  logger?: Logger;
  /** Default: Date.now. */
  clock?: Clock;
  /** The bot's own identity, to skip `getMe` (tests). Default: asked to Telegram at start. */
  botInfo?: UserFromGetMe;
  /** Called after each update, with the error when it failed (once logged): for tests and benchmarks. */
  onUpdateHandled?: (update: Update, error?: unknown) => void;
}

export interface TelegramBot {
  bot: Bot;
  /** Waits for the updates being handled, at most `timeoutMs`. */
  drain(timeoutMs: number): Promise<void>;
}

/** How long a group is left alone after being told to talk in private. */
const GROUP_QUIET_MS = 24 * 60 * 60 * 1000;

/**
 * The bot: Telegram updates in, engine replies out, nothing else. Private chats only: a group, supergroup
 * or channel is told once where to talk and never reaches the engine. Updates of one chat are handled in
 * order; updates of different chats run side by side. Call `protectApi` once the token is known to work.
 */
export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const { engine, translator } = options;
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? Date.now;
  const coordinators = new Set(options.coordinatorIds ?? []);
  const bot = new Bot(options.token, { ...(options.botInfo ? { botInfo: options.botInfo } : {}), client: { ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) } });
  // Chats where a "share my location" keyboard is on screen, and groups already told to talk in private:
  // screen state only, fine to lose at a restart.
  const locationKeyboardShown = new Set<number>();
  const groupsTold = new Map<number, number>();
  const inFlight = new Set<Promise<void>>();

  const channelText = (lang: Lang, key: string, vars?: Record<string, string>) => translator.t(lang, key, vars);
  const hintOf = (user: User | undefined): Lang => langFromTag(user?.language_code) ?? 'it';

  async function converse(chatId: number, from: User, message: Incoming | StatsRequest): Promise<void> {
    const userId = String(from.id);
    let replies: Reply[];
    if (message.kind === 'stats' && coordinators.has(userId)) {
      const summary = options.stats?.(new Date(clock()));
      replies = [{ kind: 'text', text: summary ?? channelText(hintOf(from), TELEGRAM_TEXT.statsNotAvailable), dir: 'ltr' }];
    } else {
      // For everyone else /stats is a command like any unknown one.
      const incoming: Incoming = message.kind === 'stats' ? { kind: 'unknown-command', name: 'stats' } : message;
      replies = engine.handle({ channel: TELEGRAM_CHANNEL, userId, ...(from.language_code ? { langHint: from.language_code } : {}), message: incoming });
    }
    // The button speaks the language of the reply it comes with (the app's language when unknown).
    const rendered = renderReplies(replies, {
      locationLabel: (lang) => channelText(lang ?? hintOf(from), TELEGRAM_TEXT.locationButton),
      removeLocationKeyboard: locationKeyboardShown.has(chatId),
    });
    if (rendered.dropped.length > 0) logger.warn(`Telegram: ${rendered.dropped.length} option id(s) longer than 64 bytes left out of a keyboard`);
    if (rendered.locationKeyboard === 'shown') locationKeyboardShown.add(chatId);
    if (rendered.locationKeyboard === 'removed') locationKeyboardShown.delete(chatId);
    const delivery = await deliver(bot.api, chatId, rendered.messages, logger);
    if (delivery === 'blocked') {
      engine.markUnreachable(TELEGRAM_CHANNEL, userId);
      locationKeyboardShown.delete(chatId);
      logger.info('Telegram: a person blocked the bot; nothing more is sent until they write again');
    }
  }

  async function onMessage(message: Message): Promise<void> {
    if (message.chat.type !== 'private') return tellToTalkPrivately(message.chat, message.from, message.message_thread_id);
    if (!message.from) return;
    const incoming = toIncoming(message);
    if (incoming) await converse(message.chat.id, message.from, incoming);
  }

  async function onCallbackQuery(query: CallbackQuery, answer: () => Promise<unknown>): Promise<void> {
    // Answered first, always: the button stops spinning whatever happens next.
    await answer().catch((error: unknown) => logger.warn(`Telegram: answerCallbackQuery failed (${describeError(error)})`));
    const chat = query.message?.chat;
    if (!chat || chat.type !== 'private' || !query.data) return;
    // A button from an old message is the engine's business: it recognises stale ids and says so kindly.
    await converse(chat.id, query.from, { kind: 'option', id: query.data });
  }

  function onMembership(update: ChatMemberUpdated): void {
    // Telegram tells the bot at once when a person blocks it: no need to wait for a refused message.
    if (update.chat.type === 'private' && update.new_chat_member.status === 'kicked') engine.markUnreachable(TELEGRAM_CHANNEL, String(update.from.id));
  }

  async function tellToTalkPrivately(chat: Chat, from: User | undefined, threadId: number | undefined): Promise<void> {
    const now = clock();
    const told = groupsTold.get(chat.id);
    if (told !== undefined && now - told < GROUP_QUIET_MS) return;
    groupsTold.set(chat.id, now);
    if (groupsTold.size > 10_000) for (const [id, at] of groupsTold) if (now - at >= GROUP_QUIET_MS) groupsTold.delete(id);
    const text = channelText(hintOf(from), TELEGRAM_TEXT.privateOnly, { link: `https://t.me/${bot.botInfo.username}` });
    await bot.api
      .sendMessage(chat.id, escapeHtml(text), { parse_mode: 'HTML', ...(threadId !== undefined ? { message_thread_id: threadId } : {}) })
      .catch((error: unknown) => logger.warn(`Telegram: could not answer in a ${chat.type} (${describeError(error)})`));
  }

  bot.use(async (ctx, next) => {
    const task = Promise.resolve().then(next);
    inFlight.add(task);
    try {
      await task;
      options.onUpdateHandled?.(ctx.update);
    } finally {
      inFlight.delete(task);
    }
  });
  bot.use(sequentialize((ctx) => (ctx.chat ? String(ctx.chat.id) : undefined)));
  bot.use(async (ctx) => {
    const update = ctx.update;
    if (update.message) return onMessage(update.message);
    if (update.callback_query) return onCallbackQuery(update.callback_query, () => ctx.answerCallbackQuery());
    if (update.channel_post) return tellToTalkPrivately(update.channel_post.chat, undefined, undefined);
    if (update.my_chat_member) return onMembership(update.my_chat_member);
  });
  // One failing update is logged and forgotten; the others carry on. Never a message text, never an id.
  bot.catch((error: BotError) => {
    logger.error(`Telegram: update ${error.ctx.update.update_id} failed: ${describeError(error.error)}`);
    options.onUpdateHandled?.(error.ctx.update, error.error);
  });

  return {
    bot,
    async drain(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
      await Promise.race([Promise.allSettled([...inFlight]), timeout]);
      clearTimeout(timer);
    },
  };
}

/** The update kinds the bot asks Telegram for. */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'channel_post', 'my_chat_member'] as const;

export interface ProtectionOptions {
  /** Keep under Telegram's flood limits (default true; benchmarks turn it off to measure Ponte alone). */
  throttle?: boolean;
  /** Longest flood wait honoured before giving up on a call, in seconds. Default: 300. */
  maxRetryAfterSeconds?: number;
  /** Retries of a call refused with 429 or 5xx. Default: 5. Network errors are retried with backoff until they pass. */
  maxRetries?: number;
}

/**
 * Retries and throttling for every call. Auto-retry honours `retry_after` on 429 and backs off on 5xx and
 * network errors (3 s, doubling); a 403 or 400 is never retried. The throttler, outermost, keeps to about
 * 30 messages a second overall and lets a private chat have a burst of 6 messages, then one a second;
 * a chat waiting for a flood limit holds its own queue only.
 */
export function protectApi(api: Api, options: ProtectionOptions = {}): void {
  api.config.use(autoRetry({ maxDelaySeconds: options.maxRetryAfterSeconds ?? 300, maxRetryAttempts: options.maxRetries ?? 5 }));
  if (options.throttle ?? true) {
    api.config.use(
      apiThrottler({
        global: { reservoir: 30, reservoirRefreshAmount: 30, reservoirRefreshInterval: 1000 },
        out: { maxConcurrent: 1, reservoir: 6, reservoirIncreaseAmount: 1, reservoirIncreaseInterval: 1000, reservoirIncreaseMaximum: 6 },
      }),
    );
  }
}

/** An error as one log line: the API's own words, never a payload. */
export function describeError(error: unknown): string {
  if (error instanceof GrammyError) return `${error.method}: ${error.error_code} ${error.description}`;
  if (error instanceof HttpError) return `network: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
