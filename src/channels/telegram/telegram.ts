import { randomBytes } from 'node:crypto';
import { run } from '@grammyjs/runner';
import { BotError, GrammyError, HttpError, type Api, type Bot } from 'grammy';
import type { Config } from '../../config.js';
import { ConfigError } from '../../errors.js';
import type { Translator } from '../../i18n/translator.js';
import { silentLogger, type Logger } from '../../log.js';
import { ALLOWED_UPDATES, createTelegramBot, describeError, protectApi, type ProtectionOptions, type TelegramBotOptions } from './bot.js';
import { commandMenus } from './commands.js';
import { startWebhookServer } from './webhook.js';

export { TELEGRAM_CHANNEL, type ConversationEngine, type StatsSummary } from './bot.js';

export interface WebhookOptions {
  /** The public HTTPS address Telegram posts to (TELEGRAM_WEBHOOK_URL); its path is the one served. */
  url: string;
  /** The local port (TELEGRAM_WEBHOOK_PORT); 0 picks a free one. */
  port: number;
  /** Default: every interface. */
  host?: string;
  /** TELEGRAM_WEBHOOK_SECRET; default: a random one for this run, given to Telegram with setWebhook. */
  secret?: string;
}

export interface TelegramOptions extends TelegramBotOptions, ProtectionOptions {
  /** Serve a webhook instead of long polling. */
  webhook?: WebhookOptions;
  /** Long-polling wait, in seconds. Default: 30. */
  pollTimeoutSeconds?: number;
}

export interface TelegramChannel {
  readonly name: 'telegram';
  readonly bot: Bot;
  readonly mode: 'polling' | 'webhook';
  /** The port the webhook server listens on (webhook mode). */
  readonly webhookPort?: number;
  /** Settles when the channel ends; rejects when it fails for good (another process polling, a revoked token). */
  readonly done: Promise<void>;
  /** Stops taking updates, lets the ones in hand finish (10 s at most). Safe to call twice. */
  stop(): Promise<void>;
}

/** Longest wait for updates in hand at shutdown. */
const DRAIN_MS = 10_000;

/**
 * Starts the Telegram channel: checks the token (getMe), registers the command menu in every language, then
 * takes updates by long polling (grammY runner) or, with `webhook`, on an HTTP server.
 *
 * @example
 * const telegram = await startTelegram({ token, engine: runtime.engine, translator: runtime.content.translator, logger });
 * process.once('SIGTERM', () => void telegram.stop());
 */
export async function startTelegram(options: TelegramOptions): Promise<TelegramChannel> {
  const logger = options.logger ?? silentLogger;
  const { bot, drain } = createTelegramBot(options);
  try {
    await bot.init();
  } catch (error) {
    throw explainStartError(error, options.apiRoot);
  }
  // Retries only once the token is known to work: a wrong token or no network is said at once, above.
  protectApi(bot.api, options);
  await registerCommands(bot.api, options.translator, logger);
  return options.webhook ? startWebhook(bot, options.webhook, drain, logger) : startPolling(bot, options.pollTimeoutSeconds ?? 30, drain, logger);
}

/** setMyCommands for the default menu and each language; a refusal is logged, never fatal. */
export async function registerCommands(api: Api, translator: Translator, logger: Logger): Promise<void> {
  for (const menu of commandMenus(translator)) {
    await api
      .setMyCommands(menu.commands, { scope: { type: 'all_private_chats' }, ...(menu.language_code ? { language_code: menu.language_code } : {}) })
      .catch((error: unknown) => logger.warn(`Telegram: setMyCommands (${menu.language_code ?? 'default'}) failed: ${describeError(error)}`));
  }
}

async function startPolling(bot: Bot, timeout: number, drain: (ms: number) => Promise<void>, logger: Logger): Promise<TelegramChannel> {
  // A webhook left by an earlier run would make every getUpdates fail with 409.
  await bot.api.deleteWebhook({ drop_pending_updates: false });
  const runner = run(bot, { runner: { fetch: { timeout, allowed_updates: ALLOWED_UPDATES }, silent: true }, sink: { concurrency: 100 } });
  const done = (runner.task() ?? Promise.resolve()).catch((error: unknown) => {
    throw new ConfigError(`Telegram polling stopped: ${describeError(error)}${error instanceof GrammyError && error.error_code === 409 ? ' (is another Ponte running with this token, or a webhook set?)' : ''}`);
  });
  // Observed by `ponte start`; marked handled here so that a failure nobody waits for is not a crash.
  done.catch(() => undefined);
  logger.info(`Telegram: @${bot.botInfo.username} is listening (long polling)`);
  let stopping: Promise<void> | undefined;
  return {
    name: 'telegram',
    bot,
    mode: 'polling',
    done,
    stop: () =>
      (stopping ??= (async () => {
        await runner.stop()?.catch(() => undefined);
        await drain(DRAIN_MS);
        logger.info('Telegram: stopped');
      })()),
  };
}

async function startWebhook(bot: Bot, webhook: WebhookOptions, drain: (ms: number) => Promise<void>, logger: Logger): Promise<TelegramChannel> {
  const url = new URL(webhook.url);
  const secret = webhook.secret || randomBytes(32).toString('hex');
  const server = await startWebhookServer({
    port: webhook.port,
    ...(webhook.host ? { host: webhook.host } : {}),
    path: url.pathname,
    secret,
    logger,
    onUpdate: (update) => {
      bot.handleUpdate(update).catch((error: unknown) => (error instanceof BotError ? bot.errorHandler(error) : logger.error(`Telegram: ${describeError(error)}`)));
    },
  });
  try {
    await bot.api.setWebhook(webhook.url, { secret_token: secret, allowed_updates: ALLOWED_UPDATES, drop_pending_updates: false });
  } catch (error) {
    await server.close();
    throw new ConfigError(`Telegram refused the webhook ${url.origin}${url.pathname}: ${describeError(error)} (check TELEGRAM_WEBHOOK_URL: Telegram wants https on port 443, 80, 88 or 8443)`);
  }
  logger.info(`Telegram: @${bot.botInfo.username} is listening (webhook ${url.origin}${url.pathname}, local port ${server.port})`);
  let stopped!: () => void;
  const done = new Promise<void>((resolve) => (stopped = resolve));
  let stopping: Promise<void> | undefined;
  return {
    name: 'telegram',
    bot,
    mode: 'webhook',
    webhookPort: server.port,
    done,
    stop: () =>
      (stopping ??= (async () => {
        // The webhook stays set: Telegram keeps the updates and delivers them when Ponte is back.
        await server.close();
        await drain(DRAIN_MS);
        stopped();
        logger.info('Telegram: stopped');
      })()),
  };
}

function explainStartError(error: unknown, apiRoot: string | undefined): Error {
  if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
    return new ConfigError('TELEGRAM_BOT_TOKEN was refused by Telegram (401 Unauthorized): copy the token again from @BotFather (/mybots > API Token)');
  }
  if (error instanceof HttpError) {
    return new ConfigError(`cannot reach the Telegram Bot API at ${apiRoot ?? 'https://api.telegram.org'} (${error.message}): check the network or TELEGRAM_API_ROOT`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** The channel's settings from the configuration: `ponte start` spreads them into `startTelegram`. */
export function telegramSettings(config: Config): Pick<TelegramOptions, 'token' | 'apiRoot' | 'webhook' | 'coordinatorIds'> {
  if (!config.TELEGRAM_BOT_TOKEN) throw new ConfigError('TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather and put its token there');
  return {
    token: config.TELEGRAM_BOT_TOKEN,
    ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, '') } : {}),
    coordinatorIds: config.COORDINATOR_TELEGRAM_IDS,
    ...(config.TELEGRAM_WEBHOOK_URL
      ? { webhook: { url: config.TELEGRAM_WEBHOOK_URL, port: config.TELEGRAM_WEBHOOK_PORT, ...(config.TELEGRAM_WEBHOOK_SECRET ? { secret: config.TELEGRAM_WEBHOOK_SECRET } : {}) } }
      : {}),
  };
}
