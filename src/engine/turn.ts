import { ENTRY } from '../flows/entries.js';
import { FlowSet } from '../flows/loader.js';
import type { Step } from '../flows/schema.js';
import { NATIVE_NAMES } from '../i18n/languages.js';
import type { Translator, Vars } from '../i18n/translator.js';
import type { EngineEvent, EngineEventName } from './events.js';
import type { DirectoryPort, KnowledgePort, Need, Place, PlaceResolution, ServiceHit } from './ports.js';
import { answerMessages, dirOf, serviceCard } from './render.js';
import { LANGUAGES, newSession, type Incoming, type Lang, type PendingOption, type Reply, type Session, type StepRef } from './types.js';

/**
 * One turn of a conversation: (session, message) -> (next session, replies, events). Pure: it reads only its
 * arguments (content and lookups are in-memory ports) and performs no I/O; the Engine stores the session,
 * delivers the replies and emits the events.
 */

export interface TurnContext {
  flows: FlowSet;
  t: Translator;
  knowledge: KnowledgePort;
  directory: DirectoryPort;
  now: number;
  channel: string;
  /** The session key (keyed hash), carried into events only. */
  person: string;
  langHint?: Lang;
  /** Whether abstained questions are passed to statistics (scrubbed there). */
  collectUnanswered: boolean;
}

export interface TurnResult {
  /** null when the person asked to be forgotten: the session must be deleted. */
  session: Session | null;
  replies: Reply[];
  events: EngineEvent[];
}

/** Longest text handled as a question; longer ones get a kind request to shorten. */
export const MAX_TEXT_LENGTH = 4000;
/** A new conversation (for statistics) starts after this much silence. */
export const CONVERSATION_GAP_MS = 30 * 60 * 1000;
/** A flow that runs this many steps without waiting for the person is looping. */
const MAX_STEPS_PER_TURN = 64;

export function turn(ctx: TurnContext, previous: Session | undefined, message: Incoming): TurnResult {
  return new Turn(ctx, previous).run(message);
}

class Turn {
  private session: Session;
  private readonly replies: Reply[] = [];
  private readonly events: EngineEvent[] = [];
  private forgotten = false;
  private steps = 0;
  /** Where this turn's search starts (a shared location or a resolved comune). Never stored. */
  private searchPlace: Place | undefined;
  private readonly isNew: boolean;
  /** A new conversation for statistics: a new session, or a long silence. */
  private readonly starts: boolean;
  /** The language to speak before one is chosen: the channel's, or the one a first question was written in. */
  private hint: Lang | undefined;

  constructor(
    private readonly ctx: TurnContext,
    previous: Session | undefined,
  ) {
    this.isNew = !previous;
    this.hint = ctx.langHint;
    this.session = previous ? structuredClone(previous) : newSession(ctx.now);
    this.starts = !previous || ctx.now - previous.lastActive > CONVERSATION_GAP_MS;
    if (this.starts) this.session.startedAt = ctx.now;
  }

  run(message: Incoming): TurnResult {
    if (this.starts) this.emit('conversation_started');
    this.session.unreachable = undefined;
    this.dispatch(message);
    this.session.lastActive = this.ctx.now;
    return { session: this.forgotten ? null : this.session, replies: this.replies, events: this.events };
  }

  // ---- language and output -------------------------------------------------------------------------

  private get lang(): Lang {
    return this.session.lang ?? this.hint ?? 'it';
  }

  private tr(key: string, vars?: Vars): string {
    return this.ctx.t.t(this.lang, key, vars);
  }

  private say(text: string, extra: { options?: PendingOption[]; requestLocation?: boolean } = {}): void {
    const reply: Reply = { kind: 'text', text, dir: dirOf(this.lang), lang: this.lang };
    if (extra.options) {
      this.session.serial = (this.session.serial + 1) % 1000;
      const options = extra.options.map((o, i) => ({ ...o, id: `${this.session.serial}.${i + 1}` }));
      this.session.pending = { serial: this.session.serial, options };
      reply.options = options.map(({ id, label }) => ({ id, label }));
    }
    if (extra.requestLocation) reply.requestLocation = true;
    this.replies.push(reply);
  }

  private emit(name: EngineEventName, fields: Partial<EngineEvent> = {}): void {
    this.events.push({ name, at: this.ctx.now, channel: this.ctx.channel, person: this.ctx.person, lang: this.session.lang, ...fields });
  }

  // ---- what came in ----------------------------------------------------------------------------------

  private dispatch(message: Incoming): void {
    switch (message.kind) {
      case 'command':
        return this.command(message.command, message.arg);
      case 'unknown-command':
        this.say(`${this.tr('engine.unknown_command', { command: `/${message.name}` })}\n\n${this.tr('engine.help')}`);
        return;
      case 'unsupported':
        this.emit('unsupported_media', { detail: message.media });
        this.say(this.tr('engine.unsupported'));
        return this.reshow();
      case 'option':
        return this.option(message.id);
      case 'location':
        return this.location(message.lat, message.lon);
      case 'text':
        return this.text(message.text);
    }
  }

  private command(command: string, arg: string | undefined): void {
    switch (command) {
      case 'start': {
        const payload = arg?.trim().toLowerCase() ?? '';
        // Deep links from posters: "ar" or "lang-ar" chooses the language; "s-<code>" names the sportello.
        const lang = payload.replace(/^lang[-_]/, '');
        if (payload.startsWith('s-')) this.session.slots.origin = payload.slice(2, 40);
        if ((LANGUAGES as readonly string[]).includes(lang)) {
          this.setLanguage(lang as Lang);
          return this.enter({ flow: 'welcome', step: 'intro' });
        }
        this.session.stack = [];
        return this.enter(ENTRY.welcome);
      }
      case 'menu':
        return this.enter(this.session.lang ? ENTRY.menu : ENTRY.chooseLanguage);
      case 'lang':
        return this.enter(ENTRY.chooseLanguage);
      case 'help':
        this.say(this.tr('engine.help'));
        return;
      case 'privacy':
        return this.enter(ENTRY.privacy);
      case 'forget':
        return this.forget();
    }
  }

  private option(id: string): void {
    const pending = this.session.pending;
    const chosen = pending?.options.find((o) => o.id === id);
    if (!chosen) {
      // A button from an older message: say so, and offer again what is current (or the menu).
      if (!pending) {
        this.say(this.tr('engine.stale_option'));
        return this.reshow();
      }
      const options = pending.options.map(({ id, label }) => ({ id, label }));
      this.replies.push({ kind: 'text', text: this.tr('engine.stale_option'), dir: dirOf(this.lang), lang: this.lang, options });
      return;
    }
    this.choose(chosen);
  }

  private choose(option: PendingOption): void {
    if (option.venue) {
      // A map pin for a service already shown: the options on screen stay valid.
      this.replies.push({ kind: 'venue', ...option.venue });
      return;
    }
    this.session.pending = null;
    if (option.next) return this.enter(option.next);
    const [kind, value = ''] = splitValue(option.value ?? '');
    switch (kind) {
      case 'lang': {
        this.setLanguage(value as Lang);
        const at = this.session.at;
        const step = at && this.ctx.flows.step(at);
        if (at && step?.type === 'language') return this.goNext(at, step.next);
        return this.enter(ENTRY.menu);
      }
      case 'topic':
        if (this.session.slots.alternatives) this.emit('alternative_chosen', { topic: value });
        delete this.session.slots.alternatives;
        return this.answerTopic(value, ENTRY.afterAnswer);
      case 'place': {
        const place = this.ctx.directory.place(value);
        return place ? this.placeResolved(place) : this.enter(ENTRY.findNearest);
      }
      case 'none':
        delete this.session.slots.alternatives;
        return this.abstain(undefined);
      default:
        return this.enter(ENTRY.menu);
    }
  }

  private location(lat: number, lon: number): void {
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      this.say(this.tr('find.place_not_found'));
      return;
    }
    const waiting = this.waitingAsk();
    if (!waiting || waiting.step.validate !== 'place') {
      // A location shared out of the blue means "what is near me?".
      this.session.at = ENTRY.findNearest;
      this.session.stack = [];
    }
    this.placeInput(this.ctx.directory.locate(lat, lon));
  }

  private text(raw: string): void {
    const text = raw.normalize('NFC').trim();
    if (text.length === 0) {
      this.say(this.tr('engine.empty'));
      return this.reshow();
    }
    if (text.length > MAX_TEXT_LENGTH) {
      this.say(this.tr('engine.too_long', { max: MAX_TEXT_LENGTH }));
      return;
    }
    if (text.startsWith('/')) {
      // A command typed with arguments or in a channel that does not parse commands.
      this.say(`${this.tr('engine.unknown_command', { command: text.split(/\s/)[0]! })}\n\n${this.tr('engine.help')}`);
      return;
    }
    const picked = this.optionByText(text);
    if (picked) return this.choose(picked);

    const waiting = this.waitingAsk();
    if (waiting) return this.askInput(waiting.ref, waiting.step, text);
    if (!this.session.lang && this.isNew) return this.firstContact(text);
    return this.question(text, ENTRY.afterAnswer);
  }

  /** "2" picks the second option on screen; so does the option's own words, as people answer on WhatsApp. */
  private optionByText(text: string): PendingOption | undefined {
    const options = this.session.pending?.options;
    if (!options) return undefined;
    const number = /^\s*(\d{1,2})\s*[.)]?\s*$/.exec(toAsciiDigits(text));
    if (number) return options[Number(number[1]) - 1];
    const wanted = looseText(text);
    return options.find((o) => looseText(o.label) === wanted);
  }

  private waitingAsk(): { ref: StepRef; step: Extract<Step, { type: 'ask' }> } | undefined {
    const ref = this.session.at;
    const step = ref && this.ctx.flows.step(ref);
    return ref && step?.type === 'ask' ? { ref, step } : undefined;
  }

  /**
   * Someone writes before choosing a language: a clear question is answered at once, in its language, and a
   * question that fits a few topics gets them as choices; anything else starts with the welcome.
   */
  private firstContact(text: string): void {
    const c = this.ctx.knowledge.classify(text, null);
    if ((c.decision === 'answer' || c.decision === 'ambiguous') && c.topic) {
      this.setLanguage(c.lang ?? this.hint ?? 'it');
      return this.question(text, ENTRY.afterAnswer, c);
    }
    if (c.lang && !this.hint) this.hint = c.lang;
    return this.enter(ENTRY.welcome);
  }

  // ---- flows -----------------------------------------------------------------------------------------

  private enter(ref: StepRef): void {
    if (++this.steps > MAX_STEPS_PER_TURN) throw new Error(`flow loop at ${ref.flow}:${ref.step}`);
    const step = this.ctx.flows.step(ref);
    if (!step) throw new Error(`unknown step ${ref.flow}:${ref.step}`);
    this.session.at = null;
    switch (step.type) {
      case 'message': {
        if (!step.options) {
          this.session.pending = null;
          this.say(this.tr(step.text));
          return this.goNext(ref, step.next!);
        }
        this.session.at = ref;
        const options = step.options.map((o): PendingOption =>
          'topic' in o
            ? { id: '', label: this.ctx.knowledge.title(o.topic, this.lang) ?? o.topic, value: `topic:${o.topic}` }
            : { id: '', label: this.tr(o.label), next: FlowSet.resolve(o.next, ref.flow) },
        );
        return this.say(this.tr(step.text), { options });
      }
      case 'ask':
        this.session.at = ref;
        this.session.pending = null;
        return this.say(this.tr(step.text), { requestLocation: step.validate === 'place' });
      case 'language': {
        this.session.at = ref;
        const first = this.session.lang ?? this.hint;
        const order = first ? [first, ...LANGUAGES.filter((l) => l !== first)] : [...LANGUAGES];
        const options = order.map((l): PendingOption => ({ id: '', label: NATIVE_NAMES[l], value: `lang:${l}` }));
        return this.say(this.tr(step.text), { options });
      }
      case 'action':
        return this.action(ref, step);
      case 'goto':
        return this.enter(FlowSet.resolve(step.to, ref.flow));
      case 'subflow':
        this.session.stack.push(FlowSet.resolve(step.next, ref.flow));
        return this.enter(this.ctx.flows.startOf(step.flow)!);
      case 'end': {
        const back = this.session.stack.pop();
        if (step.text) this.say(this.tr(step.text), back ? {} : { options: [{ id: '', label: this.tr('common.menu'), next: ENTRY.menu }] });
        if (back) return this.enter(back);
        return;
      }
    }
  }

  private goNext(from: StepRef, next: string): void {
    this.enter(FlowSet.resolve(next, from.flow));
  }

  private askInput(ref: StepRef, step: Extract<Step, { type: 'ask' }>, text: string): void {
    switch (step.validate) {
      case 'text':
        this.session.slots[step.slot] = text;
        return this.goNext(ref, step.next);
      case 'number': {
        const n = toAsciiDigits(text).replace(/\s/g, '');
        if (!/^\d+$/.test(n)) return this.invalid(ref, step);
        this.session.slots[step.slot] = n;
        return this.goNext(ref, step.next);
      }
      case 'place': {
        const resolution = this.ctx.directory.resolve(text);
        if (resolution.kind === 'not_found') {
          // Not a place: maybe a question after all ("come rinnovo il permesso?").
          const c = this.ctx.knowledge.classify(text, this.session.lang);
          if (c.decision === 'answer' && c.topic) return this.question(text, ENTRY.afterAnswer, c);
        }
        return this.placeInput(resolution);
      }
    }
  }

  private invalid(ref: StepRef, step: Extract<Step, { type: 'ask' }>): void {
    this.session.at = ref;
    this.say(this.tr(step.invalid ?? step.text), { requestLocation: step.validate === 'place' });
  }

  private placeInput(resolution: PlaceResolution): void {
    const waiting = this.waitingAsk();
    switch (resolution.kind) {
      case 'found':
        return this.placeResolved(resolution.place);
      case 'ambiguous': {
        if (waiting) this.session.at = waiting.ref;
        const options = resolution.candidates.slice(0, 8).map((p): PendingOption => ({ id: '', label: `${p.name} (${p.province})`, value: `place:${p.istat}` }));
        return this.say(this.tr('find.which_place'), { options });
      }
      case 'not_found':
        if (waiting) return this.invalid(waiting.ref, waiting.step);
        return this.say(this.tr('find.place_not_found'));
      case 'outside':
        this.session.at = null;
        return this.say(this.tr('find.outside'), { options: [{ id: '', label: this.tr('common.menu'), next: ENTRY.menu }] });
    }
  }

  private placeResolved(place: Place): void {
    this.searchPlace = place;
    // Only the comune is remembered, never the coordinates a person shared.
    this.session.slots.place = place.istat;
    const at = this.session.at ?? ENTRY.findNearest;
    const step = this.ctx.flows.step(at);
    if (step?.type === 'ask') return this.goNext(at, step.next);
    return this.enter(ENTRY.findNearest);
  }

  // ---- actions ---------------------------------------------------------------------------------------

  private action(ref: StepRef, step: Extract<Step, { type: 'action' }>): void {
    const next = step.next ? FlowSet.resolve(step.next, ref.flow) : undefined;
    switch (step.action) {
      case 'answer_question': {
        const question = this.session.slots[step.slot!] ?? '';
        // The words a person typed are not kept in the session.
        delete this.session.slots[step.slot!];
        return this.question(question, next ?? ENTRY.afterAnswer);
      }
      case 'answer_topic':
        return this.answerTopic(step.topic!, next ?? ENTRY.afterAnswer);
      case 'set_slot':
        this.session.slots[step.slot!] = step.value!;
        return this.enter(next!);
      case 'set_language':
        this.setLanguage(step.value as Lang);
        return this.enter(next!);
      case 'feedback':
        this.emit('feedback', { topic: this.session.slots.topic, detail: step.value });
        return this.enter(next!);
      case 'route': {
        const route = this.session.slots.topic ? this.ctx.knowledge.route(this.session.slots.topic) : undefined;
        return this.enter(route === 'mediatore' ? ENTRY.mediator : route === 'emergenza' ? ENTRY.emergency : ENTRY.findNearest);
      }
      case 'find_nearest':
        this.search({ route: 'sportello', topic: this.session.slots.topic }, 'find.results');
        return this.enter(next!);
      case 'request_mediator': {
        const area = this.session.slots.area;
        this.emit('mediator_requested', { detail: area });
        this.search({ route: 'mediatore', kind: 'mediatore', area: area === 'school' || area === 'health' || area === 'social' ? area : undefined }, 'find.results', 'mediator.how_to');
        return this.enter(next!);
      }
      case 'forget':
        return this.forget();
    }
  }

  private search(need: Need, titleKey: string, introKey?: string): void {
    const place = this.searchPlace ?? this.placeFromSlot();
    if (!place) return this.enter(ENTRY.findNearest);
    this.emit('nearest_requested', { topic: need.topic, province: place.province, district: place.district });
    const hits: ServiceHit[] = this.ctx.directory.nearest({ lat: place.lat, lon: place.lon, need, lang: this.session.lang ?? undefined, at: new Date(this.ctx.now), limit: 3 });
    this.emit('nearest_shown', { topic: need.topic, province: place.province, district: place.district, count: hits.length, detail: need.kind ?? need.route });
    const menu: PendingOption = { id: '', label: this.tr('common.menu'), next: ENTRY.menu };
    if (hits.length === 0) return this.say(this.tr('find.no_results', { place: place.name }), { options: [menu] });
    const intro = introKey ? `${this.tr(introKey)}\n\n` : '';
    const cards = hits.map((h, i) => serviceCard(h, i + 1, this.lang, this.ctx.t)).join('\n\n');
    const maps = hits.map(
      (h): PendingOption => ({ id: '', label: this.tr('find.map', { name: h.name.length > 40 ? `${h.name.slice(0, 38)}…` : h.name }), venue: { lat: h.lat, lon: h.lon, title: h.name, ...(h.address ? { address: h.address } : {}) } }),
    );
    this.say(`${intro}${this.tr(titleKey, { count: hits.length, place: place.name })}\n\n${cards}`, { options: [...maps, menu] });
  }

  private placeFromSlot(): Place | undefined {
    const istat = this.session.slots.place;
    if (!istat) return undefined;
    return this.ctx.directory.place(istat);
  }

  // ---- questions and answers -------------------------------------------------------------------------

  private question(text: string, after: StepRef, known?: ReturnType<KnowledgePort['classify']>): void {
    const c = known ?? this.ctx.knowledge.classify(text, this.session.lang);
    // People write in the language they read best: answer in it, and keep it.
    if (c.lang && c.lang !== this.session.lang && c.decision !== 'abstain') this.setLanguage(c.lang);
    switch (c.decision) {
      case 'greeting':
        if (!this.session.lang) return this.enter(ENTRY.welcome);
        this.say(this.tr('answer.greeting'));
        return this.enter(ENTRY.menu);
      case 'answer':
        return this.answerTopic(c.topic!, after);
      case 'ambiguous': {
        const topics = [c.topic!, ...c.alternatives.map((a) => a.topic)].filter((t, i, all) => all.indexOf(t) === i).slice(0, 3);
        this.session.slots.alternatives = topics.join(',');
        const options = topics.map((t): PendingOption => ({ id: '', label: this.ctx.knowledge.title(t, this.lang) ?? t, value: `topic:${t}` }));
        options.push({ id: '', label: this.tr('answer.none_of_these'), value: 'none' });
        return this.say(this.tr('answer.ambiguous'), { options });
      }
      case 'abstain':
        return this.abstain(text);
    }
  }

  private abstain(question: string | undefined): void {
    this.emit('abstained', this.ctx.collectUnanswered && question ? { question } : {});
    this.say(this.tr('answer.abstain'), {
      options: [
        { id: '', label: this.tr('menu.find'), next: ENTRY.findNearest },
        { id: '', label: this.tr('menu.topics'), next: { flow: 'topics', step: 'categories' } },
        { id: '', label: this.tr('common.menu'), next: ENTRY.menu },
      ],
    });
  }

  private answerTopic(topic: string, after: StepRef): void {
    const answer = this.ctx.knowledge.answer(topic, this.lang);
    if (!answer) {
      this.say(this.tr('engine.not_available'));
      return this.enter(ENTRY.menu);
    }
    this.session.slots.topic = topic;
    this.emit('topic_answered', { topic });
    for (const text of answerMessages(answer, this.lang, this.ctx.t)) this.say(text);
    this.enter(after);
  }

  // ---- session-level changes -------------------------------------------------------------------------

  private setLanguage(lang: Lang): void {
    const changed = this.session.lang !== lang;
    this.session.lang = lang;
    if (changed) this.emit('language_chosen', { lang });
  }

  private forget(): void {
    this.emit('forget_me');
    this.forgotten = true;
    this.replies.length = 0;
    this.say(this.tr('engine.forgotten'));
  }

  /** Shows again what the person was asked, so that nothing is lost after an interruption. */
  private reshow(): void {
    const at = this.session.at;
    if (at && this.ctx.flows.step(at)) return this.enter(at);
    return this.enter(this.session.lang ? ENTRY.menu : ENTRY.welcome);
  }
}

function splitValue(value: string): [string, string?] {
  const colon = value.indexOf(':');
  return colon < 0 ? [value] : [value.slice(0, colon), value.slice(colon + 1)];
}

/** Arabic-Indic, Persian and Bengali digits typed on phones, as ASCII digits. */
export function toAsciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9\u09e6-\u09ef]/g, (d) => {
    const code = d.charCodeAt(0);
    const zero = code >= 0x09e6 ? 0x09e6 : code >= 0x06f0 ? 0x06f0 : 0x0660;
    return String(code - zero);
  });
}

/** Compares option labels loosely: case, accents, punctuation and emoji do not matter. */
function looseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
