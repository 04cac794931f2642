import type { Message } from 'grammy/types';
import { COMMANDS, type Command, type Incoming, type MediaKind } from '../../engine/types.js';

/**
 * A Telegram message as the engine's input. Pure. Returns `undefined` for what nobody typed or sent
 * (service messages: a pinned message, a changed auto-delete timer...), which gets no answer.
 */

/** What the channel itself answers for coordinators: not an engine command. */
export interface StatsRequest {
  kind: 'stats';
}

/** Content fields of a message, in the order they are checked, and how the engine names them. */
const MEDIA: ReadonlyArray<[keyof Message, MediaKind]> = [
  ['voice', 'voice'],
  ['audio', 'audio'],
  ['video_note', 'video'],
  ['video', 'video'],
  // A GIF also carries a `document`: name it before documents.
  ['animation', 'other'],
  ['photo', 'photo'],
  ['sticker', 'sticker'],
  ['document', 'document'],
  ['contact', 'contact'],
  ['poll', 'poll'],
  ['dice', 'other'],
  ['game', 'other'],
  ['story', 'other'],
  ['paid_media', 'other'],
  ['invoice', 'other'],
  ['checklist', 'other'],
  ['giveaway', 'other'],
];

export function toIncoming(message: Message): Incoming | StatsRequest | undefined {
  if (typeof message.text === 'string') return message.text.startsWith('/') ? parseCommand(message.text) : { kind: 'text', text: message.text };
  // A venue picked in the attachment menu is a location too (`message.venue` comes with `message.location`).
  if (message.location) return { kind: 'location', lat: message.location.latitude, lon: message.location.longitude };
  for (const [field, media] of MEDIA) if (message[field] !== undefined) return { kind: 'unsupported', media };
  return undefined;
}

/**
 * `/name`, `/name@bot` and `/name payload` (deep links arrive as `/start payload`). A slash followed by
 * something that is not a command name ("/ ciao", "/?") is text, which the engine answers as such.
 */
export function parseCommand(text: string): Incoming | StatsRequest {
  const match = /^\/([A-Za-z0-9_]{1,64})(?:@[A-Za-z0-9_]+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match) return { kind: 'text', text };
  const name = match[1]!.toLowerCase();
  const arg = match[2]?.trim();
  if ((COMMANDS as readonly string[]).includes(name)) return { kind: 'command', command: name as Command, ...(arg ? { arg } : {}) };
  if (name === 'stats') return { kind: 'stats' };
  return { kind: 'unknown-command', name };
}
