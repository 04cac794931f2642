/**
 * The engine's vocabulary: what comes in from a channel, what goes back, and what a conversation remembers.
 * Channels translate their platform to and from these types and nothing more.
 */

export const LANGUAGES = ['it', 'en', 'fr', 'es', 'ar', 'sq', 'zh', 'uk', 'ur', 'bn'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** Languages written right to left: channels keep their text intact and may mark the direction. */
export const RTL_LANGUAGES: readonly Lang[] = ['ar', 'ur'];

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Maps a platform language tag ("ar-EG", "zh_CN.UTF-8", "pt-BR") to a supported language, if any. */
export function langFromTag(tag: string | undefined | null): Lang | undefined {
  if (!tag) return undefined;
  const base = tag.toLowerCase().split(/[-_.@]/)[0];
  return isLang(base) ? base : undefined;
}

export const COMMANDS = ['start', 'menu', 'lang', 'help', 'privacy', 'forget'] as const;
export type Command = (typeof COMMANDS)[number];

export const MEDIA_KINDS = ['voice', 'audio', 'photo', 'video', 'sticker', 'document', 'contact', 'poll', 'other'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** What a person sent, already stripped of everything platform-specific. */
export type Incoming =
  | { kind: 'text'; text: string }
  /** An option (button) chosen; `id` is the opaque id the engine put on the option. */
  | { kind: 'option'; id: string }
  | { kind: 'location'; lat: number; lon: number }
  /** `arg` is what followed the command, e.g. a deep-link payload after /start. */
  | { kind: 'command'; command: Command; arg?: string }
  /** A command the engine does not know (the channel passes its name so the reply can say so). */
  | { kind: 'unknown-command'; name: string }
  | { kind: 'unsupported'; media: MediaKind };

/** One message from one person on one channel. `userId` is the platform id: the engine hashes it at once. */
export interface Envelope {
  channel: string;
  userId: string;
  /** The platform's language for this user (Telegram's language_code, the terminal's LANG), if known. */
  langHint?: string;
  message: Incoming;
}

export interface Option {
  /** Opaque and short (Telegram allows 64 bytes of callback data). */
  id: string;
  label: string;
}

/**
 * What the engine sends back. `lang` says which language a text is in (the engine always sets it), so that
 * a channel can write its own labels (a "share location" button) in the same language. Text may contain `**bold**` spans and lines starting with "- ";
 * channels render those with their own formatting and escape everything else.
 */
export type Reply =
  /** `requestLocation`: the person is asked for a place; channels that can, offer a "share location" button. */
  | { kind: 'text'; text: string; options?: Option[]; dir: 'ltr' | 'rtl'; requestLocation?: boolean; lang?: Lang }
  | { kind: 'venue'; lat: number; lon: number; title: string; address?: string }
  | { kind: 'link'; url: string; label: string; dir: 'ltr' | 'rtl' };

/** A position in the flows: flow id and step id. */
export interface StepRef {
  flow: string;
  step: string;
}

/** An option the engine is waiting for: what choosing it does. */
export interface PendingOption {
  id: string;
  label: string;
  /** Where the option leads (a step), or a value the waiting step interprets (a language, a candidate). */
  next?: StepRef;
  /** What choosing it means when it has no `next`: `lang:ar`, `topic:cittadinanza`, `place:015146`, `none`. */
  value?: string;
  /** A service to send as a map location when chosen (public data only). */
  venue?: { lat: number; lon: number; title: string; address?: string };
}

/** Everything a conversation remembers. Stored under a keyed hash, never under the platform id. */
export interface Session {
  lang: Lang | null;
  /** The step waiting for input, or null when the conversation is idle (free questions are always welcome). */
  at: StepRef | null;
  /** Return addresses of subflows in progress. */
  stack: StepRef[];
  slots: Record<string, string>;
  /** The options on screen, with a serial so that buttons from older messages can be recognised. */
  pending: { serial: number; options: PendingOption[] } | null;
  serial: number;
  /** The platform refused delivery (the person blocked the bot): set by channels, cleared on the next message. */
  unreachable?: boolean;
  /** Milliseconds since the epoch. */
  lastActive: number;
  /** Milliseconds since the epoch; the first message of this conversation. */
  startedAt: number;
}

export function newSession(now: number, lang: Lang | null = null): Session {
  return { lang, at: null, stack: [], slots: {}, pending: null, serial: 0, lastActive: now, startedAt: now };
}
