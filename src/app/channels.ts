import type { Config } from '../config.js';

/** The channels `ponte start` can run. */
export type ChannelName = 'console' | 'whatsapp';

/**
 * Which channels run: every one that is configured; with none, the terminal (a chat for trying Ponte out).
 * The terminal never runs beside a messaging channel: its stdin is not a person there.
 */
export function channelsToStart(config: Pick<Config, 'WHATSAPP_ENABLED'>): ChannelName[] {
  const channels: ChannelName[] = [];
  if (config.WHATSAPP_ENABLED) channels.push('whatsapp');
  return channels.length > 0 ? channels : ['console'];
}
