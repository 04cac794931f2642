import { join } from 'node:path';
import wweb from 'whatsapp-web.js';
import type { Client, Events, Location, Message, MessageId, WAState } from 'whatsapp-web.js';

/**
 * The part of whatsapp-web.js's `Client` the channel uses, typed from the library's own typings: methods are
 * picked from `Client`, event names must be members of the library's `Events`, and payloads are the library's
 * types. `createWhatsAppClient` assigns a real `Client` to this type, so a change in the library breaks the
 * build here rather than the bot in production. Tests implement it with an EventEmitter.
 */

/** What the channel reads of an incoming message (a real `Message` has all of it and much more). */
export type IncomingMessage = Pick<Message, 'from' | 'fromMe' | 'type' | 'body' | 'isStatus' | 'broadcast'> & {
  id: Pick<MessageId, '_serialized'>;
  /** Present on location messages only, although the library's typings do not say so. */
  location?: Pick<Location, 'latitude' | 'longitude'>;
};

/** The events the channel listens to, with the payloads the library declares for them. */
export interface WhatsAppListeners {
  qr: (qr: string) => void;
  authenticated: () => void;
  auth_failure: (message: string) => void;
  ready: () => void;
  message: (message: IncomingMessage) => void;
  disconnected: (reason: WAState | 'LOGOUT') => void;
  change_state: (state: WAState) => void;
}

/** Fails to compile when one of the names above is not (or no longer) an event of the library. */
type Assert<T extends true> = T;
export type ListenersUseLibraryEventNames = Assert<keyof WhatsAppListeners extends `${Events}` ? true : false>;

export type WhatsAppEvent = keyof WhatsAppListeners;

export interface WhatsAppClientLike extends Pick<Client, 'initialize' | 'destroy'> {
  on<E extends WhatsAppEvent>(event: E, listener: WhatsAppListeners[E]): unknown;
  off<E extends WhatsAppEvent>(event: E, listener: WhatsAppListeners[E]): unknown;
  emit<E extends WhatsAppEvent>(event: E, ...args: Parameters<WhatsAppListeners[E]>): boolean;
  /** The library resolves with the sent `Message`; the channel does not read it. */
  sendMessage(...args: Parameters<Client['sendMessage']>): Promise<unknown>;
}

/** Chromium flags for a headless server (no sandbox in containers, no background traffic to Google). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface WhatsAppClientOptions {
  /** The data directory (PONTE_DATA_DIR): the session lives in `<dataDir>/whatsapp`. */
  dataDir: string;
  /** The system Chromium (CHROMIUM_PATH): puppeteer never downloads a browser. */
  chromiumPath: string;
}

/** Where the linked session (a Chromium profile) is kept: deleting this directory unlinks the phone. */
export function whatsappSessionDir(dataDir: string): string {
  return join(dataDir, 'whatsapp');
}

/** A real whatsapp-web.js client, with the session in the data directory. Launching happens on `initialize`. */
export function createWhatsAppClient(options: WhatsAppClientOptions): WhatsAppClientLike {
  const dir = whatsappSessionDir(options.dataDir);
  const client: WhatsAppClientLike = new wweb.Client({
    authStrategy: new wweb.LocalAuth({ dataPath: dir }),
    // The name the phone shows under Linked devices.
    deviceName: 'Ponte',
    // The library caches WhatsApp Web's page by default in ./.wwebjs_cache of the working directory.
    webVersionCache: { type: 'local', path: join(dir, 'web-cache') },
    puppeteer: { executablePath: options.chromiumPath, headless: true, args: CHROMIUM_ARGS },
  });
  return client;
}
