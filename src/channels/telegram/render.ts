import type { InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove } from 'grammy/types';
import type { Lang, Reply } from '../../engine/types.js';
import { splitText, toTelegramHtml } from './format.js';
import { inlineKeyboard, locationKeyboard, REMOVE_KEYBOARD } from './keyboards.js';

/** One Bot API call to make, in order: a text message (HTML) or a venue. */
export type Outgoing =
  | { kind: 'message'; html: string; markup?: InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove; preview: boolean }
  | { kind: 'venue'; lat: number; lon: number; title: string; address: string; markup?: ReplyKeyboardRemove };

export interface RenderContext {
  /** The label of the "share my location" button, in the person's language. */
  /** The "share my location" button's label in a language (the reply's, when it says). */
  locationLabel: (lang: Lang | undefined) => string;
  /** A location keyboard is on the person's screen from an earlier message: take it away with this batch. */
  removeLocationKeyboard: boolean;
}

export interface Rendered {
  messages: Outgoing[];
  /** Option ids left out because Telegram could not carry them as callback data. */
  dropped: string[];
  /** What the batch does to the location keyboard, for the caller to remember. */
  locationKeyboard: 'shown' | 'removed' | 'unchanged';
}

type Draft =
  | { kind: 'message'; text: string; markup?: InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove; preview: boolean }
  | Extract<Outgoing, { kind: 'venue' }>;

/**
 * The engine's replies as Bot API calls. Pure: the same replies and context give the same calls.
 * Long texts are split under Telegram's limit with the keyboard on the last part; options become inline
 * buttons; a request for a place gets a one-time "share my location" button, which the next batch removes.
 */
export function renderReplies(replies: readonly Reply[], context: RenderContext): Rendered {
  const drafts: Draft[] = [];
  const dropped: string[] = [];
  for (const reply of replies) {
    switch (reply.kind) {
      case 'text': {
        const chunks = splitText(reply.text);
        const keyboard = reply.options?.length ? inlineKeyboard(reply.options) : undefined;
        if (keyboard) dropped.push(...keyboard.dropped);
        // Options win over the location button: a message carries one keyboard, and buttons are the answer.
        const markup = keyboard?.markup ?? (reply.requestLocation ? locationKeyboard(context.locationLabel(reply.lang)) : undefined);
        if (chunks.length === 0 && !markup) break;
        if (chunks.length === 0) chunks.push('…');
        chunks.forEach((text, i) => drafts.push({ kind: 'message', text, preview: false, ...(i === chunks.length - 1 && markup ? { markup } : {}) }));
        break;
      }
      case 'venue':
        // Telegram requires an address: when the data have none, the service's name stands in.
        drafts.push({ kind: 'venue', lat: reply.lat, lon: reply.lon, title: reply.title, address: reply.address?.trim() || reply.title });
        break;
      case 'link':
        drafts.push({ kind: 'message', text: `${reply.label}\n${reply.url}`, preview: true });
        break;
    }
  }
  const shown = drafts.some((d) => d.kind === 'message' && d.markup && 'keyboard' in d.markup);
  let locationKeyboardState: Rendered['locationKeyboard'] = shown ? 'shown' : 'unchanged';
  if (context.removeLocationKeyboard && !shown && removeKeyboardWith(drafts)) locationKeyboardState = 'removed';
  const messages = drafts.map((d): Outgoing => (d.kind === 'message' ? { kind: 'message', html: toTelegramHtml(d.text), preview: d.preview, ...(d.markup ? { markup: d.markup } : {}) } : d));
  return { messages, dropped, locationKeyboard: locationKeyboardState };
}

/**
 * A message carries one keyboard: the removal rides on the first message without one. When every message
 * has inline buttons, the first text with two paragraphs gives its first paragraph to a message of its own.
 * Returns false when no message could carry it (it waits for the next batch).
 */
function removeKeyboardWith(drafts: Draft[]): boolean {
  const free = drafts.find((d) => !d.markup);
  if (free) {
    free.markup = REMOVE_KEYBOARD;
    return true;
  }
  const index = drafts.findIndex((d) => d.kind === 'message' && d.text.includes('\n\n'));
  const draft = drafts[index];
  if (!draft || draft.kind !== 'message') return false;
  const at = draft.text.indexOf('\n\n');
  drafts.splice(index, 1, { kind: 'message', text: draft.text.slice(0, at), preview: draft.preview, markup: REMOVE_KEYBOARD }, { ...draft, text: draft.text.slice(at + 2).trimStart() });
  return true;
}
