/**
 * Outgoing messages, paced to protect the number: WhatsApp bans numbers that send in bursts. One message
 * at a time, at most one per second in each chat and `globalLimit` per rolling window overall; messages
 * to one chat leave in the order they were queued, chats take turns in order of arrival.
 */

export interface ThrottleOptions {
  /** Minimum time between two messages to the same chat. */
  perChatIntervalMs: number;
  /** At most this many messages overall in any `globalWindowMs`. */
  globalLimit: number;
  globalWindowMs: number;
}

/**
 * One message a second to a person is slower than they read; 30 a minute overall lets about ten people
 * get a full answer (2–3 messages) every minute, far below the bursts that get automated numbers banned.
 */
export const DEFAULT_THROTTLE: ThrottleOptions = { perChatIntervalMs: 1000, globalLimit: 30, globalWindowMs: 60_000 };

interface Job {
  seq: number;
  send: () => Promise<unknown>;
  settle: () => void;
}

interface ChatState {
  jobs: Job[];
  /** When this chat may receive its next message (ms since the epoch). */
  nextAt: number;
}

export class SendQueue {
  private readonly options: ThrottleOptions;
  private readonly chats = new Map<string, ChatState>();
  /** Start times of the sends inside the current global window, oldest first. */
  private readonly recent: number[] = [];
  private seq = 0;
  private pumping = false;
  private closed = false;
  /** Wakes the pump when it waits for a chat's or the window's turn. */
  private wakeSleeper: (() => void) | undefined;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly onError: (error: unknown) => void,
    options: Partial<ThrottleOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.options = { ...DEFAULT_THROTTLE, ...options };
  }

  /** Queues a send; resolves when it was sent or failed (a failure goes to `onError`, never to the caller). */
  push(chat: string, send: () => Promise<unknown>): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((settle) => {
      const state = this.chats.get(chat) ?? { jobs: [], nextAt: 0 };
      state.jobs.push({ seq: this.seq++, send, settle });
      this.chats.set(chat, state);
      // A sleeping pump waits for another chat's turn: this chat may be free now.
      this.wakeSleeper?.();
      void this.pump();
    });
  }

  /** Messages waiting to be sent. */
  get pending(): number {
    let n = 0;
    for (const state of this.chats.values()) n += state.jobs.length;
    return n;
  }

  /** Resolves when everything queued has been sent (or has failed). */
  idle(): Promise<void> {
    if (!this.pumping && this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops sending; what is still queued is dropped. Returns how many messages were dropped. */
  close(): number {
    this.closed = true;
    let dropped = 0;
    for (const state of this.chats.values()) {
      for (const job of state.jobs) job.settle();
      dropped += state.jobs.length;
    }
    this.chats.clear();
    this.wakeSleeper?.();
    return dropped;
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.closed) {
        const now = this.now();
        const next = this.next(now);
        if (next === undefined) break;
        if (typeof next === 'number') {
          await this.sleep(next - now);
          continue;
        }
        const job = next.jobs.shift()!;
        this.recent.push(now);
        next.nextAt = now + this.options.perChatIntervalMs;
        try {
          await job.send();
        } catch (error) {
          this.onError(error);
        } finally {
          job.settle();
        }
      }
    } finally {
      this.pumping = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  /** The chat whose message goes now, the time to wait until one may go, or undefined when nothing is queued. */
  private next(now: number): ChatState | number | undefined {
    const { globalLimit, globalWindowMs } = this.options;
    while (this.recent.length > 0 && this.recent[0]! <= now - globalWindowMs) this.recent.shift();
    let ready: ChatState | undefined;
    let earliest = Infinity;
    for (const [chat, state] of this.chats) {
      const head = state.jobs[0];
      if (!head) {
        // Nothing queued and its pause is over: forget the chat.
        if (state.nextAt <= now) this.chats.delete(chat);
        continue;
      }
      if (state.nextAt > now) earliest = Math.min(earliest, state.nextAt);
      else if (!ready || head.seq < ready.jobs[0]!.seq) ready = state;
    }
    if (!ready && earliest === Infinity) return undefined;
    const windowFreeAt = this.recent.length >= globalLimit ? this.recent[0]! + globalWindowMs : now;
    if (ready && windowFreeAt <= now) return ready;
    return Math.max(windowFreeAt, ready ? now : earliest);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakeSleeper = undefined;
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, ms));
      this.wakeSleeper = wake;
    });
  }
}
