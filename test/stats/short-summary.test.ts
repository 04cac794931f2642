import { afterEach, describe, expect, it } from 'vitest';
import { shortSummary } from '../../src/stats/short-summary.js';
import { createStatsSink } from '../../src/stats/sink.js';
import { openStatsStore } from '../../src/stats/store.js';
import { FEB, knownSet, SECRET, tempDataDir } from './helpers.js';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const f of cleanup.splice(0).reverse()) f();
});

function storeWith(events = knownSet()) {
  const data = tempDataDir();
  const store = openStatsStore(data.dir);
  cleanup.push(() => data.remove(), () => store.close());
  const sink = createStatsSink(store, { secret: SECRET });
  for (const e of events) sink(e);
  return store;
}

describe('shortSummary for /stats, in Italian by default', () => {
  it('says "non ancora disponibili" when nothing has been recorded', () => {
    expect(shortSummary(storeWith([]), FEB)).toBe('Statistiche di Ponte: non ancora disponibili (nessun evento registrato).');
  });

  it('summarises the last 30 days, including events still queued, with Italian dates and language names', () => {
    const text = shortSummary(storeWith(), FEB + 86_400_000);
    // The window 2025-01-17..2025-02-15 holds only February: 8 Italian and 5 Arabic speakers.
    expect(text.split('\n')).toEqual([
      'Statistiche di Ponte, ultimi 30 giorni (dal 17/01/2025 al 15/02/2025)',
      'Persone raggiunte: 13 (distinte per mese)',
      'Conversazioni: 13',
      'Risposte date: 13; domande senza risposta: 0',
      'Lingue più usate: italiano 8, arabo 5',
      'Argomenti più richiesti: permesso 8, casa 5',
    ]);
  });

  it('hides small groups and says how many', () => {
    const text = shortSummary(storeWith(), Date.UTC(2025, 0, 20));
    expect(text).toContain('Persone raggiunte: 21');
    expect(text).toContain('Lingue più usate: italiano 12');
    // The 3 English speakers are hidden, and the 6 Arabic speakers with them (else 21 - 12 - 6 gives 3).
    expect(text).not.toMatch(/inglese|arabo/);
    expect(text).toMatch(/^Gruppi nascosti: \d+ \(con meno di 5 persone/m);
  });

  it('says when the period is empty', () => {
    expect(shortSummary(storeWith(), Date.UTC(2025, 11, 1))).toBe('Statistiche di Ponte, dal 02/11/2025 al 01/12/2025: nessuna attività in questo periodo.');
  });
});

describe('shortSummary for /stats in English', () => {
  it('says "not available yet" when nothing has been recorded', () => {
    expect(shortSummary(storeWith([]), FEB, 'en')).toMatch(/not available yet/);
  });

  it('gives the same figures with English words and ISO dates', () => {
    const store = storeWith();
    const now = FEB + 86_400_000;
    const text = shortSummary(store, now, 'en');
    expect(text).toContain('2025-01-17 to 2025-02-15');
    expect(text).toContain('People: 13');
    expect(text).toContain('Conversations: 13');
    expect(text).toContain('Answers: 13, without an answer: 0');
    expect(text).toContain('Top languages: Italian 8, Arabic 5');
    expect(text).toContain('Top topics: permesso 8, casa 5');
    expect(text).not.toContain('Hidden');
    // Only the words differ: the same numbers, in the same order, as in Italian.
    const numbers = (t: string) => t.split('\n').slice(1).join(' ').match(/\d+/g);
    expect(numbers(text)).toEqual(numbers(shortSummary(store, now)));
  });

  it('hides small groups and says how many', () => {
    const text = shortSummary(storeWith(), Date.UTC(2025, 0, 20), 'en');
    expect(text).toContain('People: 21');
    expect(text).toContain('Top languages: Italian 12');
    expect(text).not.toMatch(/English \d/);
    expect(text).toMatch(/Hidden: \d+ groups/);
  });
});
