import { GrammyError, type Api } from 'grammy';
import type { Logger } from '../../log.js';
import type { Outgoing } from './render.js';

export type Delivery = 'delivered' | 'blocked';

/**
 * Sends the calls in order. Flood waits (429) and server or network errors are retried below this, by the
 * auto-retry transformer. A 403 means the person blocked the bot (or deleted their account): nothing more
 * is sent, and the caller records it. Any other refusal loses that one message, not the rest.
 */
export async function deliver(api: Api, chatId: number, messages: readonly Outgoing[], logger: Logger): Promise<Delivery> {
  for (const message of messages) {
    try {
      if (message.kind === 'message') {
        await api.sendMessage(chatId, message.html, {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: !message.preview },
          ...(message.markup ? { reply_markup: message.markup } : {}),
        });
      } else {
        await api.sendVenue(chatId, message.lat, message.lon, message.title, message.address, message.markup ? { reply_markup: message.markup } : {});
      }
    } catch (error) {
      if (!(error instanceof GrammyError)) throw error;
      if (error.error_code === 403) return 'blocked';
      logger.warn(`Telegram refused ${error.method} (${error.error_code}: ${error.description})`);
    }
  }
  return 'delivered';
}
