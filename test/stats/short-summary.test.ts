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

describe('shortSummary for /stats', () => {
  it('says "not available yet" when nothing has been recorded', () => {
    expect(shortSummary(storeWith([]), FEB)).toMatch(/not available yet/);
  });

  it('summarises the last 30 days, including events still queued', () => {
    const text = shortSummary(storeWith(), FEB + 86_400_000);
    // The window 2025-01-17..2025-02-15 holds only February: 8 Italian and 5 Arabic speakers.
    expect(text).toContain('2025-01-17 to 2025-02-15');
    expect(text).toContain('People: 13');
    expect(text).toContain('Conversations: 13');
    expect(text).toContain('Answers: 13, without an answer: 0');
    expect(text).toContain('Top languages: it 8, ar 5');
    expect(text).toContain('Top topics: permesso 8, casa 5');
    expect(text).not.toContain('Hidden');
  });

  it('hides small groups and says how many', () => {
    const text = shortSummary(storeWith(), Date.UTC(2025, 0, 20));
    expect(text).toContain('People: 21');
    expect(text).toContain('Top languages: it 12');
    expect(text).not.toMatch(/\ben 3\b/);
    expect(text).toMatch(/Hidden: \d+ groups/);
  });

  it('says when the period is empty', () => {
    expect(shortSummary(storeWith(), Date.UTC(2025, 11, 1))).toMatch(/no activity in this period/);
  });
});
