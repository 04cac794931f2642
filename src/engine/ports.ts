import type { Lang, Session } from './types.js';

/**
 * The engine's ports: small interfaces it is given, never imports. Knowledge and directory are in-memory
 * read models (pure lookups); the session store is the only one that touches storage.
 */

export type Route = 'sportello' | 'mediatore' | 'emergenza';

export type Decision = 'answer' | 'ambiguous' | 'abstain' | 'greeting';

export interface ScoredTopic {
  topic: string;
  /** 0..1, comparable across questions. */
  score: number;
}

export interface Classification {
  decision: Decision;
  /** The best topic when `decision` is 'answer' or 'ambiguous'; null otherwise. */
  topic: string | null;
  score: number;
  /** The next best topics, best first (at most 3). */
  alternatives: ScoredTopic[];
  /** The language the question is written in, when the index is confident of it. */
  lang?: Lang;
}

export interface Source {
  title: string;
  url: string;
}

export interface TopicAnswer {
  topic: string;
  /** The language of the text served (the asked one, or Italian when a translation is missing). */
  lang: Lang;
  title: string;
  /** Chat-sized messages, in order. */
  messages: string[];
  /** ISO date (YYYY-MM-DD) of the last update of this text. */
  updated: string;
  sources: Source[];
  route: Route;
}

export interface KnowledgePort {
  classify(question: string, lang: Lang | null): Classification;
  answer(topic: string, lang: Lang): TopicAnswer | undefined;
  /** Short label of a topic for menus, in `lang` (Italian when missing). */
  title(topic: string, lang: Lang): string | undefined;
  route(topic: string): Route | undefined;
}

export interface Place {
  istat: string;
  name: string;
  province: string;
  lat: number;
  lon: number;
  /** The ambito (social district) of the comune, when the data say it. */
  district?: string;
}

export type PlaceResolution =
  | { kind: 'found'; place: Place }
  | { kind: 'ambiguous'; candidates: Place[] }
  | { kind: 'not_found' }
  | { kind: 'outside' };

/** What kind of help a search is for: an explicit service kind, or the route of a topic. */
export interface Need {
  kind?: string;
  route?: Route;
  topic?: string;
  /** For mediators: school, health or social services. */
  area?: 'school' | 'health' | 'social';
}

export interface NearestQuery {
  lat: number;
  lon: number;
  need: Need;
  /** Prefer services where this language is spoken. */
  lang?: Lang;
  /** The moment for "open now" (Europe/Rome is applied by the directory). */
  at: Date;
  limit: number;
}

export interface OpeningState {
  /** null when the opening hours are unknown: nothing is said about them. */
  openNow: boolean | null;
  /** Today's opening ranges ("09:00-12:30"), empty when closed today, null when unknown. */
  today: string[] | null;
  /** Why it is closed today when it normally opens on this weekday. */
  closedBecause?: 'holiday' | 'exception';
  /** When it opens next, if not open now and the hours are known. */
  /** `weekday`: ISO, 1 = Monday ... 7 = Sunday. */
  next?: { date: string; weekday: number; from: string };
}

export interface ServiceHit {
  id: string;
  name: string;
  kind: string;
  comune: string;
  address?: string;
  lat: number;
  lon: number;
  /** True when the coordinates are the comune's, not the building's. */
  approximate: boolean;
  distanceKm: number;
  languages: string[];
  contacts: { phone?: string; email?: string; web?: string; whatsapp?: string; telegram?: string };
  appointment?: boolean;
  opening: OpeningState;
  /** A note for the person, in the asked language when the data have it. */
  note?: string;
}

export interface DirectoryPort {
  resolve(text: string): PlaceResolution;
  /** A comune by its ISTAT code (a candidate the person chose, the comune kept in the session). */
  place(istat: string): Place | undefined;
  locate(lat: number, lon: number): PlaceResolution;
  nearest(query: NearestQuery): ServiceHit[];
}

export interface SessionStore {
  get(key: string): Session | undefined;
  put(key: string, session: Session): void;
  delete(key: string): void;
  /** Deletes sessions idle since before `before` (ms since the epoch); returns how many. */
  purgeIdle(before: number): number;
  close(): void;
}

export type Clock = () => number;
