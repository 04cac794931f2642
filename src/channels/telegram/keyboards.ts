import type { InlineKeyboardButton, InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove } from 'grammy/types';
import type { Option } from '../../engine/types.js';

/** Telegram refuses a whole message when one button's callback data exceeds 64 bytes. */
export const CALLBACK_DATA_LIMIT = 64;

/** Labels this short sit two to a row (languages, yes/no); longer ones get a row each, to stay readable. */
const SHORT_LABEL = 16;

export function fitsCallbackData(id: string): boolean {
  return id.length > 0 && Buffer.byteLength(id, 'utf8') <= CALLBACK_DATA_LIMIT;
}

/**
 * The engine's options as inline buttons whose callback data is the option id. An id too long for Telegram
 * leaves its button out (it is reported in `dropped`): the person can still type the option's number.
 */
export function inlineKeyboard(options: readonly Option[]): { markup: InlineKeyboardMarkup | undefined; dropped: string[] } {
  const usable = options.filter((o) => fitsCallbackData(o.id));
  const dropped = options.filter((o) => !fitsCallbackData(o.id)).map((o) => o.id);
  if (usable.length === 0) return { markup: undefined, dropped };
  const buttons: InlineKeyboardButton[] = usable.map((o) => ({ text: o.label, callback_data: o.id }));
  const perRow = usable.every((o) => o.label.length <= SHORT_LABEL) ? 2 : 1;
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return { markup: { inline_keyboard: rows }, dropped };
}

/** One button that shares the person's location; it hides itself once used. */
export function locationKeyboard(label: string): ReplyKeyboardMarkup {
  return { keyboard: [[{ text: label, request_location: true }]], one_time_keyboard: true, resize_keyboard: true };
}

export const REMOVE_KEYBOARD: ReplyKeyboardRemove = { remove_keyboard: true };
