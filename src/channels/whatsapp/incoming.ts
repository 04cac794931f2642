import wweb from 'whatsapp-web.js';
import { COMMANDS, type Command, type Incoming, type MediaKind } from '../../engine/types.js';
import type { IncomingMessage } from './client.js';

const { MessageTypes } = wweb;

/**
 * Incoming WhatsApp messages as the engine's input. Only private conversations with a person reach the
 * engine; what the library reports about the chat itself (encryption notices, revoked messages, reactions...)
 * is not something a person said and gets no reply.
 */

/** Private chats: phone-number ids (`…@c.us`) and the newer anonymous ids (`…@lid`). Groups, status, channels: no. */
export function isPrivateChat(chatId: string): boolean {
  return chatId.endsWith('@c.us') || chatId.endsWith('@lid');
}

/** Whether a message is one the bot should answer: from a person, in a private chat, not the bot's own. */
export function isFromPerson(msg: IncomingMessage): boolean {
  return !msg.fromMe && !msg.isStatus && !msg.broadcast && msg.from !== 'status@broadcast' && isPrivateChat(msg.from);
}

const MEDIA: Partial<Record<wweb.MessageTypes, MediaKind>> = {
  [MessageTypes.VOICE]: 'voice',
  [MessageTypes.AUDIO]: 'audio',
  [MessageTypes.IMAGE]: 'photo',
  [MessageTypes.ALBUM]: 'photo',
  [MessageTypes.VIDEO]: 'video',
  [MessageTypes.STICKER]: 'sticker',
  [MessageTypes.DOCUMENT]: 'document',
  [MessageTypes.CONTACT_CARD]: 'contact',
  [MessageTypes.CONTACT_CARD_MULTI]: 'contact',
  [MessageTypes.POLL_CREATION]: 'poll',
};

/** Notices and protocol messages of WhatsApp itself: nobody typed them. */
const SYSTEM: ReadonlySet<wweb.MessageTypes> = new Set([
  MessageTypes.REVOKED,
  MessageTypes.CIPHERTEXT,
  MessageTypes.E2E_NOTIFICATION,
  MessageTypes.NOTIFICATION,
  MessageTypes.NOTIFICATION_TEMPLATE,
  MessageTypes.GROUP_NOTIFICATION,
  MessageTypes.GP2,
  MessageTypes.CALL_LOG,
  MessageTypes.PROTOCOL,
  MessageTypes.DEBUG,
  MessageTypes.BROADCAST_NOTIFICATION,
  MessageTypes.REACTION,
]);

/** The engine's input for a message from a person, or undefined for a WhatsApp notice (ignored). */
export function toIncoming(msg: IncomingMessage): Incoming | undefined {
  if (msg.type === MessageTypes.TEXT) return textOrCommand(msg.body ?? '');
  if (msg.type === MessageTypes.LOCATION) {
    // The typings say string, WhatsApp Web gives numbers: accept both; the engine refuses what is not a place.
    return { kind: 'location', lat: Number(msg.location?.latitude), lon: Number(msg.location?.longitude) };
  }
  const media = MEDIA[msg.type];
  if (media) return { kind: 'unsupported', media };
  if (SYSTEM.has(msg.type)) return undefined;
  // Products, orders, invitations, old button replies, and types WhatsApp adds in the future.
  return { kind: 'unsupported', media: 'other' };
}

/** "/menu", "/lang" and the other commands work as on Telegram; anything else is text for the engine. */
function textOrCommand(text: string): Incoming {
  const match = /^\/([a-z]+)(?:\s+(.*))?$/is.exec(text.trim());
  if (!match) return { kind: 'text', text };
  const name = match[1]!.toLowerCase();
  const arg = match[2]?.trim();
  if ((COMMANDS as readonly string[]).includes(name)) return { kind: 'command', command: name as Command, ...(arg ? { arg } : {}) };
  return { kind: 'unknown-command', name };
}
