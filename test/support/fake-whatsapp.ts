import { EventEmitter } from 'node:events';
import wweb from 'whatsapp-web.js';
import type { MessageContent } from 'whatsapp-web.js';
import type { IncomingMessage, WhatsAppClientLike } from '../../src/channels/whatsapp/client.js';
import type { Logger } from '../../src/log.js';

/**
 * A stand-in for whatsapp-web.js's Client (the WhatsApp servers cannot be reached from tests): the same
 * events and methods, typed by the library's typings through `WhatsAppClientLike`. It records what the
 * channel sends and when (on vitest's fake clock), and can be told to fail.
 */
export class FakeWhatsApp extends EventEmitter implements WhatsAppClientLike {
  readonly sent: { chatId: string; content: MessageContent; at: number }[] = [];
  /** When `initialize` was called (ms since the epoch, fake clock). */
  readonly initializeCalls: number[] = [];
  destroyCalls = 0;
  /** The next this-many `initialize` calls reject, as when WhatsApp Web cannot be reached. */
  initializeFailures = 0;
  /** Sends for which this returns true reject, as a closed chat or a crashed page would. */
  failSend: (chatId: string, content: MessageContent) => boolean = () => false;
  private serial = 0;

  async initialize(): Promise<void> {
    this.initializeCalls.push(Date.now());
    if (this.initializeFailures > 0) {
      this.initializeFailures -= 1;
      throw new Error('net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/');
    }
  }

  async destroy(): Promise<void> {
    this.destroyCalls += 1;
  }

  async sendMessage(chatId: string, content: MessageContent): Promise<unknown> {
    if (this.failSend(chatId, content)) throw new Error('Evaluation failed: Error: chat not found');
    this.sent.push({ chatId, content, at: Date.now() });
    return { id: { _serialized: `true_${chatId}_OUT${this.serial++}` } };
  }

  /** A message as whatsapp-web.js would emit it; `id` defaults to a new one. */
  message(from: string, fields: Partial<Omit<IncomingMessage, 'from'>> = {}): IncomingMessage {
    return {
      from,
      fromMe: false,
      isStatus: false,
      broadcast: false,
      type: wweb.MessageTypes.TEXT,
      body: '',
      id: { _serialized: `false_${from}_IN${this.serial++}` },
      ...fields,
    };
  }

  /** The person `from` types `body`. Returns the message (to emit it again as a duplicate). */
  text(from: string, body: string): IncomingMessage {
    const msg = this.message(from, { body });
    this.emit('message', msg);
    return msg;
  }

  /** The person shares a location; the typings say strings, WhatsApp Web sends numbers. */
  location(from: string, lat: number, lon: number): IncomingMessage {
    const msg = this.message(from, { type: wweb.MessageTypes.LOCATION, location: { latitude: String(lat), longitude: String(lon) } });
    this.emit('message', msg);
    return msg;
  }

  /** What was sent to a chat, as text (a Location as "LOCATION name | address | lat,lon"). */
  transcript(chatId: string): string[] {
    return this.sent.filter((s) => s.chatId === chatId).map((s) => describeContent(s.content));
  }
}

export function describeContent(content: MessageContent): string {
  if (typeof content === 'string') return content;
  if (content instanceof wweb.Location) return `LOCATION ${content.name ?? ''} | ${content.address ?? ''} | ${content.latitude},${content.longitude}`;
  return `OTHER ${content.constructor.name}`;
}

/** A logger that keeps its lines, to check what operators read (and that no number or text is in it). */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
