import type { FlowSet } from '../flows/loader.js';
import type { Translator } from '../i18n/translator.js';
import { silentLogger, type Logger } from '../log.js';
import type { EngineEvent, EventSink } from './events.js';
import type { Clock, DirectoryPort, KnowledgePort, SessionStore } from './ports.js';
import { sessionKey } from './pseudonym.js';
import { dirOf } from './render.js';
import { turn } from './turn.js';
import { langFromTag, type Envelope, type Reply } from './types.js';

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export interface EngineOptions {
  flows: FlowSet;
  translator: Translator;
  knowledge: KnowledgePort;
  directory: DirectoryPort;
  sessions: SessionStore;
  /** Key of the pseudonymous session hashes. */
  secret: string;
  /** Default: Date.now. */
  clock?: Clock;
  /** Receives every statistics event; default: none. A throwing sink never breaks a conversation. */
  onEvent?: EventSink;
  /** Idle time after which a session is forgotten. Default: 30 days. */
  sessionTtlMs?: number;
  /** Pass abstained questions to statistics (scrubbed there). Default: false. */
  collectUnanswered?: boolean;
  logger?: Logger;
}

/**
 * The runner around the pure turn: hashes the person, loads the session, runs the turn, stores the
 * session and emits the events. Channels call `handle` and deliver the replies; that is all they know.
 */
export class Engine {
  private readonly clock: Clock;
  private readonly ttl: number;
  private readonly logger: Logger;

  constructor(private readonly options: EngineOptions) {
    this.clock = options.clock ?? Date.now;
    this.ttl = options.sessionTtlMs ?? SESSION_TTL_MS;
    this.logger = options.logger ?? silentLogger;
  }

  handle(envelope: Envelope): Reply[] {
    const now = this.clock();
    const key = sessionKey(this.options.secret, envelope.channel, envelope.userId);
    const langHint = langFromTag(envelope.langHint);
    let stored = this.options.sessions.get(key);
    if (stored && now - stored.lastActive > this.ttl) {
      this.options.sessions.delete(key);
      stored = undefined;
    }
    try {
      const result = turn(
        {
          flows: this.options.flows,
          t: this.options.translator,
          knowledge: this.options.knowledge,
          directory: this.options.directory,
          now,
          channel: envelope.channel,
          person: key,
          langHint,
          collectUnanswered: this.options.collectUnanswered ?? false,
        },
        stored,
        envelope.message,
      );
      if (result.session) this.options.sessions.put(key, result.session);
      else this.options.sessions.delete(key);
      for (const event of result.events) this.emit(event);
      return result.replies;
    } catch (error) {
      // The session keeps its last good state: the person can simply try again.
      const lang = stored?.lang ?? langHint ?? 'it';
      const kind = error instanceof Error ? error.name : 'Error';
      this.logger.error(`turn failed on ${envelope.channel} (${envelope.message.kind}): ${error instanceof Error ? error.message : String(error)}`);
      this.emit({ name: 'error', at: now, channel: envelope.channel, person: key, lang: stored?.lang ?? null, detail: kind });
      return [{ kind: 'text', text: this.options.translator.t(lang, 'engine.error'), dir: dirOf(lang), lang }];
    }
  }

  /** The platform refused delivery (the person blocked the bot): remember it so channels stop sending. */
  markUnreachable(channel: string, userId: string): void {
    const key = sessionKey(this.options.secret, channel, userId);
    const session = this.options.sessions.get(key);
    if (session) this.options.sessions.put(key, { ...session, unreachable: true });
  }

  isUnreachable(channel: string, userId: string): boolean {
    return this.options.sessions.get(sessionKey(this.options.secret, channel, userId))?.unreachable === true;
  }

  /** Deletes sessions idle for longer than the time to live; returns how many. */
  purgeExpired(): number {
    return this.options.sessions.purgeIdle(this.clock() - this.ttl);
  }

  private emit(event: EngineEvent): void {
    if (!this.options.onEvent) return;
    try {
      this.options.onEvent(event);
    } catch (error) {
      this.logger.warn(`statistics event "${event.name}" dropped: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
