import type { Lang } from './types.js';

/**
 * Typed events the engine emits for anonymous statistics. By construction they carry no message text,
 * no coordinates and no platform id: `person` is the session's keyed hash, which the stats module re-hashes
 * with a monthly key before anything is stored.
 */
export type EngineEventName =
  | 'conversation_started'
  | 'language_chosen'
  | 'topic_answered'
  | 'abstained'
  | 'alternative_chosen'
  | 'nearest_requested'
  | 'nearest_shown'
  | 'mediator_requested'
  | 'feedback'
  | 'unsupported_media'
  | 'forget_me'
  | 'error';

export interface EngineEvent {
  name: EngineEventName;
  /** When it happened (milliseconds since the epoch); the stats module keeps only the hour. */
  at: number;
  channel: string;
  /** Pseudonymous session key (HMAC of channel + platform id). Never stored as is by statistics. */
  person: string;
  lang: Lang | null;
  topic?: string;
  /** Province sigla (MI, BG...) and ambito of the searched place, never finer than the comune. */
  province?: string;
  district?: string;
  /** Event-specific detail from a closed vocabulary: 'yes'/'no' for feedback, the media kind, the error class. */
  detail?: string;
  /** How many services were shown (nearest_shown). */
  count?: number;
  /**
   * For `abstained` only, and only where the operator enabled the collection of unanswered questions:
   * the question, which the stats module scrubs before storing. Channels never see this field.
   */
  question?: string;
}

export type EventSink = (event: EngineEvent) => void;
