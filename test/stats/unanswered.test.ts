import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_QUESTION_CHARS, scrubQuestion } from '../../src/stats/scrub.js';
import { createStatsSink } from '../../src/stats/sink.js';
import { openStatsStore, type StatsStore } from '../../src/stats/store.js';
import { topUnanswered } from '../../src/stats/unanswered.js';
import { enginePerson, event, SECRET, tempDataDir } from './helpers.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 4, 20, 12);

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const f of cleanup.splice(0).reverse()) f();
});

function setUp(clock: { now: number } = { now: NOW }) {
  const data = tempDataDir();
  const store = openStatsStore(data.dir, { clock: () => clock.now });
  cleanup.push(() => data.remove(), () => store.close());
  const sink = createStatsSink(store, { secret: SECRET, collectUnanswered: true, clock: () => clock.now });
  const ask = (who: string, question: string, at = NOW - DAY) => sink(event('abstained', at, enginePerson('telegram', who), { question }));
  return { data, store, sink, ask, clock };
}

describe('unanswered questions', () => {
  it('are shown only when the same wording came from at least 3 people', () => {
    const { store, ask } = setUp();
    ask('1', 'Come si iscrive un figlio al nido?');
    ask('2', 'come si iscrive un figlio al nido');
    ask('3', 'COME si iscrive  un figlio al nido ?');
    ask('4', 'dove trovo un dentista gratis?');
    ask('5', 'Dove trovo un dentista gratis');
    // One person asking three times is still one person.
    for (let i = 0; i < 3; i++) ask('6', 'quanto costa il bollo auto?');
    store.flush();
    const shown = topUnanswered(store);
    expect(shown.map((q) => q.question)).toEqual(['come si iscrive un figlio al nido']);
    expect(shown[0]).toMatchObject({ people: null, lastAsked: '2025-05-19' }); // 3 people: shown as <5
  });

  it('cannot be asked for with a threshold under 3', () => {
    const { store, ask } = setUp();
    ask('1', 'dove trovo un dentista');
    ask('2', 'dove trovo un dentista');
    store.flush();
    expect(topUnanswered(store, { minPeople: 1 })).toEqual([]);
  });

  it('are deleted after 30 days and never shown once older', () => {
    const clock = { now: NOW };
    const { data, store, ask } = setUp(clock);
    for (const who of ['1', '2', '3']) ask(who, 'serve il green pass', NOW - 31 * DAY);
    for (const who of ['1', '2', '3']) ask(who, 'orari della biblioteca', NOW - 29 * DAY);
    store.flush();
    // Not purged yet (the purge runs hourly), but already not shown.
    expect(topUnanswered(store).map((q) => q.question)).toEqual(['orari della biblioteca']);
    expect(store.purgeExpired()).toBe(3);
    clock.now = NOW + 2 * DAY;
    store.flush(); // more than an hour since the last purge: this flush purges
    expect(topUnanswered(store)).toEqual([]);
    store.close();
    const db = new Database(join(data.dir, 'stats.db'), { readonly: true });
    expect(db.prepare('SELECT count(*) FROM unanswered').pluck().get()).toBe(0);
    db.close();
  });

  it('are not kept at all when collection is off', () => {
    const data = tempDataDir();
    const store = openStatsStore(data.dir);
    cleanup.push(() => data.remove(), () => store.close());
    const sink = createStatsSink(store, { secret: SECRET });
    for (const who of ['1', '2', '3']) sink(event('abstained', NOW, enginePerson('telegram', who), { question: 'dove trovo un dentista' }));
    store.flush();
    expect(topUnanswered(store)).toEqual([]);
    expect(store.db.prepare('SELECT count(*) FROM unanswered').pluck().get()).toBe(0);
    expect(store.db.prepare("SELECT count(*) FROM events WHERE name = 'abstained'").pluck().get()).toBe(3);
  });
});

describe('scrubQuestion', () => {
  const cases: Array<[string, string | undefined]> = [
    ['Mi chiamo Ahmed Ben Ali, chiamami al +39 333 123 4567', 'mi chiamo [name], chiamami al [phone]'],
    ['scrivete a fatima.z@example.it per favore', 'scrivete a [email] per favore'],
    ['ho letto su https://www.comune.milano.it/servizi e www.inps.it', 'ho letto su [url] e [url]'],
    ['il sito comune.bergamo.it non funziona', 'il sito [url] non funziona'],
    ['il mio codice fiscale è RSSMRA85T10A562S', 'il mio codice fiscale è [number]'],
    ['ho 3 figli e abito in via Roma 12', 'ho [number] figli e abito in via [name] [number]'],
    ['My name is John Smith and I need a doctor', 'my name is [name] and i need a doctor'],
    ["je m'appelle fatou et je cherche la Préfecture", "je m'appelle [name] et je cherche la [name]"],
    ['me llamo carlos, necesito ayuda', 'me llamo [name], necesito ayuda'],
    ['мене звати Олена, де знайти лікаря?', 'мене звати [name], де знайти лікаря'],
    ['اسمي محمد وأريد تجديد الإقامة', 'اسمي [name] وأريد تجديد الإقامة'],
    ['我叫王小明，我想问居留', '我叫[name]，我想问居留'],
    ['Buongiorno, dove rinnovo il permesso di soggiorno alla Questura?', 'buongiorno, dove rinnovo il permesso di soggiorno alla questura'],
    ['Sono in Italia da poco, cosa è lo SPID?', 'sono in italia da poco, cosa è lo spid'],
    ['scrivimi @ahmed_92 su telegram', 'scrivimi [name] su telegram'],
    ['0039 02 1234 5678', undefined],
    ['', undefined],
    ['   ', undefined],
  ];
  for (const [input, expected] of cases) {
    it(`scrubs ${JSON.stringify(input)}`, () => expect(scrubQuestion(input)).toBe(expected));
  }

  it('cuts very long input before scrubbing', () => {
    const long = `${'parola '.repeat(200)}Ahmed`;
    const scrubbed = scrubQuestion(long) ?? '';
    expect(scrubbed.length).toBeLessThanOrEqual(MAX_QUESTION_CHARS);
    expect(scrubbed).not.toContain('ahmed');
  });
});
