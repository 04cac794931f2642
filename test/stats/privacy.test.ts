import Database from 'better-sqlite3';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStatsSink } from '../../src/stats/sink.js';
import { openStatsStore, type StatsStore } from '../../src/stats/store.js';
import { dataDirBytes, enginePerson, event, FEB, JAN, SECRET, tempDataDir } from './helpers.js';

/**
 * What reaches the disk: scan the bytes of every file in the data directory (the database, its WAL and shared
 * memory) for the personal data the events carried.
 */

const PLATFORM_IDS = ['987654321', '123450987', '555000111'];
const QUESTIONS = [
  'Mi chiamo Ahmed Benali, il mio numero è +39 333 123 4567 e la mail ahmed.benali@example.com: come rinnovo il permesso?',
  'Hello, this is Mario Rossi, call me on 07700 900123 or write to mario.rossi@posta.example.org about my visa',
  'je m\'appelle Fatou Diop, mon téléphone 06 12 34 56 78, où est la préfecture?',
];
/** Things that must not be found, in any case, in any file. */
const FORBIDDEN = [
  'ahmed', 'benali', 'mario', 'rossi', 'fatou', 'diop',
  '333 123 4567', '3331234567', '4567', '07700', '900123', '06 12 34 56 78',
  'example.com', 'posta.example.org', '@example', 'ahmed.benali', 'mario.rossi',
  ...QUESTIONS, // the raw messages as they were written
  ...PLATFORM_IDS,
];
/** Words of the questions: kept (scrubbed) only when the collection of unanswered questions is on. */
const WORDING = ['rinnovo il permesso', 'about my visa', 'fecture'];

const dirs: Array<{ remove(): void }> = [];
const stores: StatsStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) d.remove();
});

function setUp(collectUnanswered: boolean) {
  const data = tempDataDir();
  dirs.push(data);
  // A long interval: only the explicit flush writes, so the WAL is still there to be scanned.
  const store = openStatsStore(data.dir, { flushIntervalMs: 60_000 });
  stores.push(store);
  const sink = createStatsSink(store, { secret: SECRET, collectUnanswered });
  const persons = PLATFORM_IDS.map((id) => enginePerson('telegram', id));
  persons.forEach((person, i) => {
    sink(event('conversation_started', JAN, person));
    sink(event('abstained', JAN + 1000, person, { question: QUESTIONS[i] }));
    // A caller that puts text where ids belong: the sink must not store it.
    sink(event('topic_answered', JAN + 2000, person, { topic: `call ${PLATFORM_IDS[i]}`, district: 'Ahmed Benali 3331234567', detail: 'mario.rossi@example.com' }));
  });
  return { data, store, sink, persons };
}

function scan(dir: string, needles: string[]): string[] {
  const found: string[] = [];
  for (const { file, bytes } of dataDirBytes(dir)) {
    // UTF-8 for the text SQLite stores (accents included), Latin-1 so that no byte is lost to decoding.
    const texts = [bytes.toString('utf8').toLowerCase(), bytes.toString('latin1').toLowerCase()];
    for (const needle of needles) if (texts.some((t) => t.includes(needle.toLowerCase()))) found.push(`${file}: ${needle}`);
  }
  return found;
}

describe('what statistics write to disk', () => {
  for (const collect of [true, false]) {
    it(`keeps no text, phone, e-mail, name or id (unanswered collection ${collect ? 'on' : 'off'})`, () => {
      const { data, store, persons } = setUp(collect);
      store.flush();
      const files = dataDirBytes(data.dir).map((f) => f.file);
      expect(files).toContain('stats.db');
      expect(files).toContain('stats.db-wal');
      expect(scan(data.dir, [...FORBIDDEN, ...persons])).toEqual([]);
      if (!collect) expect(scan(data.dir, WORDING)).toEqual([]);
      // The person as the engine gave it, in raw bytes too.
      for (const { bytes } of dataDirBytes(data.dir)) for (const p of persons) expect(bytes.includes(Buffer.from(p, 'hex'))).toBe(false);

      store.close();
      expect(scan(data.dir, [...FORBIDDEN, ...persons])).toEqual([]);
      const db = new Database(join(data.dir, 'stats.db'), { readonly: true });
      const questions = db.prepare('SELECT question FROM unanswered ORDER BY question').pluck().all() as string[];
      const events = db.prepare('SELECT topic, district, detail FROM events WHERE name = ?').all('topic_answered');
      db.close();
      expect(events).toEqual(persons.map(() => ({ topic: null, district: null, detail: null })));
      if (!collect) {
        expect(questions).toEqual([]);
      } else {
        expect(questions).toEqual([
          'hello, this is [name], call me on [phone] or write to [email] about my visa',
          "je m'appelle [name], mon téléphone [phone], où est la préfecture",
          'mi chiamo [name], il mio numero è [phone] e la mail [email]: come rinnovo il permesso',
        ]);
      }
    });
  }

  it('never stores the secret or a monthly key', () => {
    const { data, store } = setUp(true);
    store.close();
    const monthKey = createHmac('sha256', SECRET).update('ponte/stats/person/2025-01').digest();
    for (const { bytes } of dataDirBytes(data.dir)) {
      expect(bytes.includes(monthKey)).toBe(false);
      expect(bytes.includes(monthKey.subarray(0, 8))).toBe(false);
      expect(bytes.includes(Buffer.from(SECRET))).toBe(false);
    }
  });

  it('keeps the hour, never the minute', () => {
    const { data, store } = setUp(false);
    store.close();
    const db = new Database(join(data.dir, 'stats.db'), { readonly: true });
    const hours = db.prepare('SELECT DISTINCT hour FROM events').pluck().all() as number[];
    db.close();
    expect(hours).toEqual([Date.UTC(2025, 0, 15, 10)]);
  });
});

describe('the monthly person key', () => {
  it('gives the same hash within a month and unrelated hashes across months', () => {
    const data = tempDataDir();
    dirs.push(data);
    const store = openStatsStore(data.dir);
    const sink = createStatsSink(store, { secret: SECRET });
    const amina = enginePerson('telegram', '42');
    const omar = enginePerson('telegram', '43');
    sink(event('conversation_started', JAN, amina));
    sink(event('topic_answered', JAN + 3 * 86_400_000, amina, { topic: 'casa' }));
    sink(event('conversation_started', FEB, amina));
    sink(event('conversation_started', JAN, omar));
    store.close();

    const db = new Database(join(data.dir, 'stats.db'), { readonly: true });
    const rows = db.prepare('SELECT month, name, hex(person) AS person FROM events ORDER BY rowid').all() as Array<{ month: string; person: string }>;
    db.close();
    const [aminaJan1, aminaJan2, aminaFeb, omarJan] = rows.map((r) => r.person);
    expect(aminaJan1).toBe(aminaJan2);
    expect(aminaFeb).not.toBe(aminaJan1);
    expect(omarJan).not.toBe(aminaJan1);
    expect(rows.map((r) => r.month)).toEqual(['2025-01', '2025-01', '2025-02', '2025-01']);
    expect(aminaJan1).toHaveLength(32); // 16 bytes of HMAC-SHA256
  });

  it('depends on the secret: another installation cannot match the hashes', () => {
    const hashes: string[] = [];
    for (const secret of [SECRET, `${SECRET}-other`]) {
      const data = tempDataDir();
      dirs.push(data);
      const store = openStatsStore(data.dir);
      createStatsSink(store, { secret })(event('conversation_started', JAN, enginePerson('telegram', '42')));
      store.close();
      const db = new Database(join(data.dir, 'stats.db'), { readonly: true });
      hashes.push(db.prepare('SELECT hex(person) FROM events').pluck().get() as string);
      db.close();
    }
    expect(hashes[0]).not.toBe(hashes[1]);
  });
});

describe('forget-me', () => {
  it('deletes the unanswered questions of that person and keeps the anonymous counts', () => {
    const data = tempDataDir();
    dirs.push(data);
    const store = openStatsStore(data.dir);
    const sink = createStatsSink(store, { secret: SECRET, collectUnanswered: true });
    const amina = enginePerson('telegram', '42');
    const omar = enginePerson('telegram', '43');
    sink(event('abstained', JAN, amina, { question: 'dove trovo un dentista' }));
    sink(event('abstained', JAN, omar, { question: 'dove trovo un avvocato' }));
    sink(event('forget_me', FEB, amina));
    store.close();
    const db = new Database(join(data.dir, 'stats.db'), { readonly: true });
    expect(db.prepare('SELECT question FROM unanswered').pluck().all()).toEqual(['dove trovo un avvocato']);
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(3);
    db.close();
  });
});

describe('fields from closed vocabularies', () => {
  it('stores a topic or district outside the known ones as empty', () => {
    const data = tempDataDir();
    dirs.push(data);
    const store = openStatsStore(data.dir);
    const sink = createStatsSink(store, { secret: SECRET, vocabulary: { topics: new Set(['casa']), districts: new Set(['Alto Milanese']) } });
    const person = enginePerson('telegram', '42');
    sink(event('topic_answered', JAN, person, { topic: 'casa', district: 'Alto Milanese', province: 'MI' }));
    sink(event('topic_answered', JAN, person, { topic: 'ahmed', district: 'Ahmed Benali', province: 'Milano' }));
    store.close();
    const db = new Database(join(data.dir, 'stats.db'), { readonly: true });
    expect(db.prepare('SELECT topic, district, province FROM events ORDER BY rowid').all()).toEqual([
      { topic: 'casa', district: 'Alto Milanese', province: 'MI' },
      { topic: null, district: null, province: null },
    ]);
    db.close();
  });
});
