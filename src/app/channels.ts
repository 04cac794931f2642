import type { Config } from '../config.js';
import { ConfigError } from '../errors.js';
import type { Logger } from '../log.js';

/**
 * Which channels `ponte start` runs, and how it waits for them. Each platform adds its line to
 * `channelsToStart`; the terminal is the fallback when no platform has credentials.
 */

export type ChannelName = 'console' | 'telegram' | 'whatsapp';

export function channelsToStart(config: Pick<Config, 'TELEGRAM_BOT_TOKEN' | 'TELEGRAM_WEBHOOK_URL' | 'WHATSAPP_ENABLED'>): ChannelName[] {
  const channels: ChannelName[] = [];
  if (config.TELEGRAM_WEBHOOK_URL && !config.TELEGRAM_BOT_TOKEN) {
    throw new ConfigError('TELEGRAM_WEBHOOK_URL is set but TELEGRAM_BOT_TOKEN is not: set the token too, or remove the URL');
  }
  if (config.TELEGRAM_BOT_TOKEN) channels.push('telegram');
  if (config.WHATSAPP_ENABLED) channels.push('whatsapp');
  // The terminal never runs beside a messaging channel: its stdin is not a person there.
  if (channels.length === 0) channels.push('console');
  return channels;
}

/** A platform channel started by `ponte start`. */
export interface RunningChannel {
  readonly name: ChannelName;
  /** Settles when the channel ends by itself; rejects when it fails for good. */
  readonly done: Promise<void>;
  /** Stops taking messages and lets the ones in hand finish. */
  stop(): Promise<void>;
}

/**
 * Runs until SIGINT or SIGTERM (exit code 0), or until a channel fails (its error is thrown); then stops
 * every channel. A second signal while stopping exits at once.
 */
export async function runUntilStopped(channels: readonly RunningChannel[], logger: Logger): Promise<number> {
  let onSignal!: (signal: NodeJS.Signals) => void;
  const signalled = new Promise<NodeJS.Signals>((resolve) => (onSignal = resolve));
  const handler = (signal: NodeJS.Signals) => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
    process.once('SIGINT', () => process.exit(130));
    process.once('SIGTERM', () => process.exit(143));
    onSignal(signal);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  try {
    const signal = await Promise.race([signalled, ...channels.map((c) => c.done.then(() => undefined))]);
    if (signal) logger.info(`${signal}: stopping`);
    return 0;
  } finally {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
    await Promise.allSettled(channels.map((c) => c.stop()));
  }

}
