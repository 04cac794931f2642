import type { EngineEvent, EventSink } from '../engine/events.js';
import { isLang } from '../engine/types.js';
import { MonthlyPersonHasher } from './person-key.js';
import { scrubQuestion } from './scrub.js';
import type { EventRow, StatsStore } from './store.js';
import { calendarOf, DAY_MS, hourOf } from './time.js';

export interface StatsSinkOptions {
  /** The installation's secret (config.secret); monthly person keys are derived from it. */
  secret: string;
  /** Stands in for a missing or broken event time. Default `Date.now`. */
  clock?: () => number;
  /** Keep scrubbed unanswered questions (PONTE_COLLECT_UNANSWERED). Default false. */
  collectUnanswered?: boolean;
  /** Told when an event could not be recorded; the conversation goes on regardless. Default: nothing. */
  onError?: (error: Error) => void;
  /**
   * The closed vocabularies, when known (topic ids of the knowledge base, district names of the directory):
   * a value outside them is stored as empty. Without them only the shape of the value is checked.
   */
  vocabulary?: { topics?: ReadonlySet<string>; districts?: ReadonlySet<string> };
}

/**
 * Every field is checked against the shape it must have, so that nothing but closed-vocabulary values reaches
 * the disk even if a caller puts text where an id belongs; a field that does not fit is stored as empty.
 * Event names are open (other modules add theirs) but must look like identifiers.
 */
const EVENT_NAME = /^[a-z][a-z0-9_]{0,39}$/;
const CHANNEL = /^[a-z][a-z0-9_-]{0,19}$/;
const TOPIC = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const PROVINCE = /^[A-Z]{2}$/;
const DISTRICT = /^\p{L}[\p{L}\p{M} '’.,()/-]{0,79}$/u;
const DETAIL = /^[A-Za-z][A-Za-z0-9_.:-]{0,39}$/;

const fit = (pattern: RegExp, value: unknown, known?: ReadonlySet<string>): string | null =>
  typeof value === 'string' && pattern.test(value) && (known === undefined || known.has(value)) ? value : null;

/**
 * Returns the `EventSink` the engine calls for every event. It maps the event to an anonymous row and queues
 * it in `store`; it never throws and never touches the disk itself.
 *
 * @example
 * const sink = createStatsSink(store, { secret: config.secret, collectUnanswered: config.PONTE_COLLECT_UNANSWERED });
 * const engine = createEngine({ ..., events: sink });
 */
export function createStatsSink(store: StatsStore, options: StatsSinkOptions): EventSink {
  const hasher = new MonthlyPersonHasher(options.secret);
  const clock = options.clock ?? Date.now;
  const collectUnanswered = options.collectUnanswered ?? false;
  const onError = options.onError ?? (() => {});

  return (event: EngineEvent) => {
    try {
      const name = fit(EVENT_NAME, event.name);
      if (name === null) return;
      const at = typeof event.at === 'number' && Number.isFinite(event.at) && event.at > 0 ? event.at : clock();
      const hour = hourOf(at);
      const { day, month } = calendarOf(at);
      const person = typeof event.person === 'string' && event.person.length > 0 ? event.person : 'unknown';
      const personHash = hasher.hash(person, month);
      const channel = fit(CHANNEL, event.channel) ?? 'other';
      const lang = isLang(event.lang) ? event.lang : null;
      const row: EventRow = {
        hour,
        day,
        month,
        name,
        channel,
        lang,
        topic: fit(TOPIC, event.topic, options.vocabulary?.topics),
        province: fit(PROVINCE, event.province),
        district: fit(DISTRICT, event.district, options.vocabulary?.districts),
        detail: fit(DETAIL, event.detail),
        count: Number.isInteger(event.count) && (event.count as number) >= 0 && (event.count as number) <= 1000 ? (event.count as number) : null,
        person: personHash,
      };
      store.addEvent(row);

      if (name === 'abstained' && collectUnanswered && typeof event.question === 'string') {
        const question = scrubQuestion(event.question);
        if (question !== undefined) store.addUnanswered({ hour, day, month, channel, lang, question, person: personHash });
      }
      if (name === 'forget_me') {
        // Unanswered questions are kept up to 30 days: that reaches back into at most two earlier months.
        const months = new Set([month, calendarOf(at - 15 * DAY_MS).month, calendarOf(at - 31 * DAY_MS).month]);
        store.forgetUnanswered([...months].map((m) => hasher.hash(person, m)));
      }
    } catch (error) {
      onError(error instanceof Error ? error : new Error(String(error)));
    }
  };
}
