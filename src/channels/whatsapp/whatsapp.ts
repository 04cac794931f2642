import type { Engine } from '../../engine/engine.js';
import type { Reply } from '../../engine/types.js';
import type { Logger } from '../../log.js';
import type { IncomingMessage, WhatsAppClientLike, WhatsAppListeners } from './client.js';
import { isFromPerson, toIncoming } from './incoming.js';
import { RecentIds } from './recent-ids.js';
import { MAX_MESSAGE_LENGTH, toWhatsApp } from './render.js';
import { SendQueue, type ThrottleOptions } from './send-queue.js';

export const WHATSAPP_CHANNEL = 'whatsapp';

export interface ReconnectOptions {
  /** Wait before the first attempt after a disconnection; doubles at each failed attempt. */
  initialMs: number;
  maxMs: number;
}

/** WhatsApp Web drops now and then; a pause avoids hammering it (and looking like a bot farm) when it is down. */
export const DEFAULT_RECONNECT: ReconnectOptions = { initialMs: 5_000, maxMs: 5 * 60_000 };

export interface WhatsAppChannelOptions {
  client: WhatsAppClientLike;
  engine: Pick<Engine, 'handle'>;
  logger: Logger;
  /** Shows the pairing QR code to the operator (the terminal). */
  showQr: (qr: string) => void;
  /** Where the session is kept, for the log lines that tell the operator what to do. */
  sessionDir: string;
  throttle?: Partial<ThrottleOptions>;
  reconnect?: Partial<ReconnectOptions>;
  maxMessageLength?: number;
  /** How long `stop` lets queued messages leave before closing. Default: 5 s. */
  drainMs?: number;
}

/**
 * WhatsApp through whatsapp-web.js: messages from people to the engine, its replies back, paced. It logs
 * the link's life for the operator (QR, linked, disconnected, logged out) and never a phone number or a text.
 */
export class WhatsAppChannel {
  private readonly client: WhatsAppClientLike;
  private readonly logger: Logger;
  private readonly queue: SendQueue;
  private readonly recent = new RecentIds();
  private readonly reconnect: ReconnectOptions;
  private attempts = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  /** The `initialize` in progress, if any. */
  private connecting: Promise<void> | undefined;
  private stopping = false;
  private qrShown = 0;
  private answered = 0;
  private ready = false;

  constructor(private readonly options: WhatsAppChannelOptions) {
    this.client = options.client;
    this.logger = options.logger;
    this.reconnect = { ...DEFAULT_RECONNECT, ...options.reconnect };
    this.queue = new SendQueue((error) => this.logger.warn(`WhatsApp: a message could not be sent: ${describe(error)}`), options.throttle);
  }

  /** Whether the phone is linked and messages flow. */
  get linked(): boolean {
    return this.ready;
  }

  /** Starts WhatsApp Web in the background: the QR code or "linked" follows in the log. */
  start(): void {
    for (const [event, listener] of this.listeners()) this.client.on(event, listener);
    this.logger.info(`WhatsApp: starting WhatsApp Web (session in ${this.options.sessionDir})`);
    void this.connect();
  }

  /** Lets queued replies leave (for a few seconds at most), then closes the browser. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    clearTimeout(this.reconnectTimer);
    await within(this.queue.idle(), this.options.drainMs ?? 5_000);
    const dropped = this.queue.close();
    if (dropped > 0) this.logger.warn(`WhatsApp: ${dropped} queued messages not sent at shutdown`);
    for (const [event, listener] of this.listeners()) this.client.off(event, listener);
    await this.closeBrowser();
    if (this.connecting) {
      // Stopped while Chromium was starting: it may come up after the close above, so close it once more.
      await within(this.connecting, 10_000);
      await this.closeBrowser();
    }
    this.ready = false;
    this.logger.info(`WhatsApp: stopped (${this.answered} messages answered)`);
  }

  /** Resolves when every queued reply has been sent (or has failed). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  // ---- messages --------------------------------------------------------------------------------------

  private readonly onMessage = (msg: IncomingMessage): void => {
    try {
      if (!isFromPerson(msg)) return;
      if (this.recent.seen(msg.id._serialized)) return;
      const message = toIncoming(msg);
      if (!message) return;
      const replies = this.options.engine.handle({ channel: WHATSAPP_CHANNEL, userId: msg.from, message });
      this.answered += 1;
      this.deliver(msg.from, replies);
    } catch (error) {
      // One bad message must not stop the client: the next one is handled as usual.
      this.logger.error(`WhatsApp: a message could not be handled: ${describe(error)}`);
    }
  };

  private deliver(chatId: string, replies: Reply[]): void {
    for (const reply of replies) {
      for (const content of toWhatsApp(reply, this.options.maxMessageLength ?? MAX_MESSAGE_LENGTH)) {
        void this.queue.push(chatId, () => this.client.sendMessage(chatId, content));
      }
    }
  }

  // ---- the link --------------------------------------------------------------------------------------

  private listeners(): { [E in keyof WhatsAppListeners]: [E, WhatsAppListeners[E]] }[keyof WhatsAppListeners][] {
    return [
      ['qr', this.onQr],
      ['authenticated', this.onAuthenticated],
      ['auth_failure', this.onAuthFailure],
      ['ready', this.onReady],
      ['message', this.onMessage],
      ['disconnected', this.onDisconnected],
      ['change_state', this.onChangeState],
    ];
  }

  private readonly onQr = (qr: string): void => {
    if (this.qrShown++ === 0) {
      this.logger.info("WhatsApp: not linked. On the sportello's phone open WhatsApp > Settings > Linked devices > Link a device, and scan this code:");
    } else {
      this.logger.info('WhatsApp: new QR code (the previous one expired):');
    }
    this.options.showQr(qr);
  };

  private readonly onAuthenticated = (): void => {
    this.logger.info(`WhatsApp: authenticated; the session is saved in ${this.options.sessionDir}`);
  };

  private readonly onAuthFailure = (message: string): void => {
    this.logger.error(`WhatsApp: authentication failed (${String(message)}): if it persists, delete ${this.options.sessionDir} and link the phone again`);
  };

  private readonly onReady = (): void => {
    this.ready = true;
    this.attempts = 0;
    this.qrShown = 0;
    this.logger.info('WhatsApp: linked and ready, answering messages');
  };

  private readonly onChangeState = (state: string): void => {
    this.logger.debug(`WhatsApp: connection state ${state}`);
  };

  private readonly onDisconnected = (reason: string): void => {
    this.ready = false;
    if (this.stopping) return;
    if (reason === 'LOGOUT') {
      this.logger.warn('WhatsApp: logged out (the phone removed this linked device): the session is deleted, a new QR code will follow');
    } else {
      this.logger.warn(`WhatsApp: disconnected (${reason})`);
    }
    this.scheduleReconnect();
  };

  private connect(): Promise<void> {
    const attempt = this.initialize();
    this.connecting = attempt;
    void attempt.finally(() => {
      if (this.connecting === attempt) this.connecting = undefined;
    });
    return attempt;
  }

  private async initialize(): Promise<void> {
    try {
      await this.client.initialize();
    } catch (error) {
      if (this.stopping) return;
      this.logger.error(`WhatsApp: WhatsApp Web did not start: ${describe(error)}`);
      this.scheduleReconnect();
    }
  }

  private async closeBrowser(): Promise<void> {
    try {
      await this.client.destroy();
    } catch (error) {
      this.logger.warn(`WhatsApp: closing the browser failed: ${describe(error)}`);
    }
  }

  private scheduleReconnect(): void {
    if (this.stopping || this.reconnectTimer) return;
    const delay = Math.min(this.reconnect.initialMs * 2 ** this.attempts, this.reconnect.maxMs);
    this.attempts += 1;
    this.logger.info(`WhatsApp: reconnecting in ${Math.round(delay / 1000)} s (attempt ${this.attempts})`);
    this.reconnectTimer = setTimeout(() => void this.reconnectNow(), delay);
  }

  private async reconnectNow(): Promise<void> {
    this.reconnectTimer = undefined;
    if (this.stopping) return;
    // The library closes the browser itself on most disconnections, not all: start from a clean state.
    await this.closeBrowser();
    if (this.stopping) return;
    await this.connect();
  }
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 300);
}

/** Waits for a promise to settle, or for `ms`, whichever comes first; never rejects. */
function within(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    promise.then(done, done);
  });
}
